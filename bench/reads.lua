-- Board reads as browsers refresh them: GET /api/leaderboard with If-None-Match carrying the
-- last ETag this thread was sent, so an unchanged board costs a 304. Prints the answers by kind
-- and the latency percentiles; the reads' time is wrk's whole -d (every thread reads to the end).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  etag, fresh, unchanged, other = nil, 0, 0, 0
end

function request()
  local headers = {}
  if etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", "/api/leaderboard", headers)
end

function response(status, headers, body)
  if status == 200 then
    fresh = fresh + 1
    etag = headers["ETag"] or headers["etag"]
  elseif status == 304 then
    unchanged = unchanged + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok, not_modified, errors = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("fresh")
    not_modified = not_modified + thread:get("unchanged")
    errors = errors + thread:get("other")
  end
  io.write("fresh " .. ok .. "\n")
  io.write("not_modified " .. not_modified .. "\n")
  io.write("errors " .. (errors + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout) .. "\n")
  io.write("seconds " .. summary.duration / 1e6 .. "\n")
  io.write("p50_us " .. latency:percentile(50) .. "\n")
  io.write("p99_us " .. latency:percentile(99) .. "\n")
end
