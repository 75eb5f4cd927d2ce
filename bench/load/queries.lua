-- wrk script: cycles through real queries over the sample corpus against GET /api/search and,
-- at the end, prints throughput, p50/p99 latency and errors (non-2xx answers + socket errors).
local queries = {
  'putin', '"phone call"', 'summit OR hanoi', 'tariffs steel', 'show:WNT storm',
  'date:2018 hurricane', 'trump -putin', 'title:summit', '"health care" midterms',
  'wildfire paradise', 'president', '"do not congratulate"', 'north korea nuclear',
  'source:ABC', 'fire OR flood OR storm', 'the',
}

local function encode(s)
  return (s:gsub('[^%w%-_%.~]', function(c) return string.format('%%%02X', string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do
  paths[i] = '/api/search?limit=10&q=' .. encode(q)
end

local counter = 0
request = function()
  counter = counter + 1
  return wrk.format('GET', paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format('load: %d requests in %.1f s\n', summary.requests, seconds))
  io.write(string.format('load: throughput %.1f req/s\n', summary.requests / seconds))
  io.write(string.format('load: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n',
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format('load: errors %d (non-2xx %d, socket %d)\n', e.status + socket, e.status, socket))
end
