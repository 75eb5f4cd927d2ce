// Helpers every route file shares: JSON replies, error replies (status from http_status(), body
// from error_body()) and bounded integer query parameters.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>

#include "newsdex/core/error.hpp"

namespace newsdex::server {

void send_json(httplib::Response& res, int status, const std::string& body);
void send_error(httplib::Response& res, const core::Error& error);
// `name` as a non-negative integer at most `max`; `fallback` when absent; a `usage` error naming
// the parameter otherwise.
core::Result<size_t> size_param(const httplib::Request& req, const char* name, size_t fallback,
                                size_t max);

}  // namespace newsdex::server
