-- One vote per battle, as voters send them: wrk's threads split the battle ids in IDS_FILE (one
-- per line) between them; each request votes on the thread's next battle, and a thread stops
-- once every one of its battles has an answer. Prints how many votes were accepted (200) and the
-- other answers by status, so a run that was refused says so.
local threads = {}

-- wrk's own duration is always its whole -d, even once every thread has stopped: the script times
-- the votes itself, from the first request to the last vote answered (CLOCK_MONOTONIC via LuaJIT).
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } arena_timespec;
  int clock_gettime(int clock, arena_timespec *now);
]]
local clock = ffi.new("arena_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local ids, n = {}, 0
  local every = tonumber(os.getenv("WRK_THREADS") or "2")
  for line in io.lines(os.getenv("IDS_FILE")) do
    if n % every == index then ids[#ids + 1] = line end
    n = n + 1
  end
  battles, sent, answered, accepted, refused = ids, 0, 0, 0, {}
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if sent == 0 then first = now() end
  sent = sent + 1
  -- Past the end, a connection still waiting for its turn asks about a battle that does not exist
  -- (a 404, not counted) while the thread's last votes come back.
  local id = battles[sent] or "zzzzzzzzzzzzzzzzzzzzzz"
  return wrk.format("POST", "/api/battles/" .. id .. "/vote", nil, '{"winner": "a"}')
end

function response(status, headers, body)
  answered = answered + 1
  if answered <= #battles then last = now() end
  if status == 200 then
    accepted = accepted + 1
  elseif status == 404 and body:find("zzzzzzzz", 1, true) then
    -- one of the requests past the end: not a vote
  else
    refused[status] = (refused[status] or 0) + 1
  end
  if answered >= #battles then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local ok, from, to = 0, nil, nil
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    local f, l = thread:get("first"), thread:get("last")
    if f and (not from or f < from) then from = f end
    if l and (not to or l > to) then to = l end
    for status, count in pairs(thread:get("refused")) do
      io.write("refused " .. status .. " " .. count .. "\n")
    end
  end
  io.write("accepted " .. ok .. "\n")
  io.write("seconds " .. ((from and to) and (to - from) or summary.duration / 1e6) .. "\n")
  io.write("p50_us " .. latency:percentile(50) .. "\n")
  io.write("p99_us " .. latency:percentile(99) .. "\n")
end
