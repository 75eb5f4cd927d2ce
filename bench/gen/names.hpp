// Invented names for the generated news: people (first x last), places, and the networks and
// shows that "aired" each document. Lists are fixed so every seed sees the same vocabulary.
#pragma once

#include <array>
#include <string_view>

namespace bench::gen {

inline constexpr std::array<std::string_view, 64> kFirstNames = {
    "James",   "Mary",      "Robert",  "Patricia", "John",    "Jennifer", "Michael",  "Linda",
    "David",   "Elizabeth", "William", "Barbara",  "Richard", "Susan",    "Joseph",   "Jessica",
    "Thomas",  "Sarah",     "Charles", "Karen",    "Daniel",  "Nancy",    "Matthew",  "Lisa",
    "Anthony", "Betty",     "Mark",    "Margaret", "Donald",  "Sandra",   "Steven",   "Ashley",
    "Paul",    "Kimberly",  "Andrew",  "Emily",    "Joshua",  "Donna",    "Kenneth",  "Michelle",
    "Kevin",   "Carol",     "Brian",   "Amanda",   "George",  "Melissa",  "Timothy",  "Deborah",
    "Ronald",  "Stephanie", "Jason",   "Rebecca",  "Edward",  "Laura",    "Jeffrey",  "Sharon",
    "Ryan",    "Cynthia",   "Jacob",   "Kathleen", "Gary",    "Amy",      "Nicholas", "Angela"};

inline constexpr std::array<std::string_view, 80> kLastNames = {
    "Smith",    "Johnson",   "Williams",  "Brown",     "Jones",    "Garcia",   "Miller",
    "Davis",    "Rodriguez", "Martinez",  "Hernandez", "Lopez",    "Gonzalez", "Wilson",
    "Anderson", "Thomas",    "Taylor",    "Moore",     "Jackson",  "Martin",   "Lee",
    "Perez",    "Thompson",  "White",     "Harris",    "Sanchez",  "Clark",    "Ramirez",
    "Lewis",    "Robinson",  "Walker",    "Young",     "Allen",    "King",     "Wright",
    "Scott",    "Torres",    "Nguyen",    "Hill",      "Flores",   "Green",    "Adams",
    "Nelson",   "Baker",     "Hall",      "Rivera",    "Campbell", "Mitchell", "Carter",
    "Roberts",  "Gomez",     "Phillips",  "Evans",     "Turner",   "Diaz",     "Parker",
    "Cruz",     "Edwards",   "Collins",   "Reyes",     "Stewart",  "Morris",   "Morales",
    "Murphy",   "Cook",      "Rogers",    "Gutierrez", "Ortiz",    "Morgan",   "Cooper",
    "Peterson", "Bailey",    "Reed",      "Kelly",     "Howard",   "Ramos",    "Kim",
    "Cox",      "Ward",      "Richardson"};

inline constexpr std::array<std::string_view, 12> kRoles = {
    "Senator", "Governor",   "Mayor",    "Secretary", "Representative", "General",
    "Judge",   "Ambassador", "Chairman", "Director",  "Commissioner",   "Professor"};

inline constexpr std::array<std::string_view, 72> kPlaces = {
    "Washington",   "New York",    "Los Angeles",  "Chicago",      "Houston",     "Phoenix",
    "Philadelphia", "San Antonio", "San Diego",    "Dallas",       "Austin",      "Jacksonville",
    "Columbus",     "Charlotte",   "Indianapolis", "Seattle",      "Denver",      "Boston",
    "Nashville",    "Detroit",     "Portland",     "Memphis",      "Louisville",  "Baltimore",
    "Milwaukee",    "Albuquerque", "Tucson",       "Fresno",       "Sacramento",  "Atlanta",
    "Miami",        "Omaha",       "Raleigh",      "Cleveland",    "Minneapolis", "Tampa",
    "New Orleans",  "Pittsburgh",  "Cincinnati",   "Anchorage",    "Honolulu",    "Des Moines",
    "Iowa",         "Ohio",        "Texas",        "Florida",      "Georgia",     "Michigan",
    "Arizona",      "Nevada",      "Wisconsin",    "Pennsylvania", "California",  "Alaska",
    "Mexico",       "Canada",      "Ukraine",      "Russia",       "China",       "Japan",
    "Germany",      "France",      "Britain",      "Israel",       "Iran",        "Syria",
    "Afghanistan",  "Brazil",      "India",        "Korea",        "Venezuela",   "Puerto Rico"};

struct SourceShows {
  std::string_view source;
  std::array<std::string_view, 4> shows;
};

inline constexpr std::array<SourceShows, 10> kSources = {{
    {"ABC", {"World News Tonight", "Good Morning America", "This Week", "Nightline"}},
    {"CBS", {"Evening News", "CBS This Morning", "Face the Nation", "Sunday Morning"}},
    {"NBC", {"Nightly News", "Today", "Meet the Press", "Dateline"}},
    {"CNN", {"Newsroom", "The Situation Room", "State of the Union", "Anderson Cooper 360"}},
    {"FOXNEWS", {"Special Report", "Fox and Friends", "The Five", "Fox News Sunday"}},
    {"MSNBC", {"Morning Joe", "Hardball", "The Last Word", "Deadline White House"}},
    {"PBS", {"NewsHour", "Washington Week", "Frontline", "Amanpour and Company"}},
    {"CSPAN", {"Washington Journal", "Senate Floor", "House Floor", "Newsmakers"}},
    {"KQED", {"KQED Newsroom", "Bay Area News", "Evening Report", "Morning Edition Local"}},
    {"WJLA",
     {"Good Morning Washington", "ABC7 News at 6", "ABC7 News at 11", "Government Matters"}},
}};

}  // namespace bench::gen
