#include "newsdex/doc/transcript.hpp"

#include "newsdex/core/hash.hpp"

namespace newsdex::doc {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kUnknown:
      return "unknown";
    case Role::kAnchor:
      return "anchor";
    case Role::kReporter:
      return "reporter";
    case Role::kSoundbite:
      return "soundbite";
    case Role::kHost:
      return "host";
    case Role::kGuest:
      return "guest";
    case Role::kModerator:
      return "moderator";
  }
  return "unknown";
}

Role role_from_name(std::string_view name) {
  for (Role r : {Role::kAnchor, Role::kReporter, Role::kSoundbite, Role::kHost, Role::kGuest,
                 Role::kModerator})
    if (role_name(r) == name) return r;
  return Role::kUnknown;
}

std::string_view markup_kind_name(Markup::Kind kind) {
  switch (kind) {
    case Markup::Kind::kSpeakerLabel:
      return "speaker_label";
    case Markup::Kind::kDirection:
      return "direction";
    case Markup::Kind::kTimestamp:
      return "timestamp";
  }
  return "direction";
}

std::string_view quote_kind_name(Quote::Kind kind) {
  return kind == Quote::Kind::kSoundbite ? "soundbite" : "quoted";
}

std::string_view entity_type_name(Entity::Type type) {
  switch (type) {
    case Entity::Type::kPerson:
      return "person";
    case Entity::Type::kOrganization:
      return "organization";
    case Entity::Type::kPlace:
      return "place";
  }
  return "person";
}

std::optional<Entity::Type> entity_type_from_name(std::string_view name) {
  for (auto type : {Entity::Type::kPerson, Entity::Type::kOrganization, Entity::Type::kPlace})
    if (entity_type_name(type) == name) return type;
  return std::nullopt;
}

std::string compute_id(const Transcript& t) {
  std::string key;
  key.reserve(t.source.size() + t.date.size() + t.title.size() + t.body.size() + 4);
  for (const std::string* part : {&t.source, &t.date, &t.title, &t.body}) {
    key += *part;
    key.push_back('\x1f');
  }
  return core::hex64(core::hash64(key));
}

}  // namespace newsdex::doc
