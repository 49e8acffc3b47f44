-- wrk script: GET /v1/users/<u>/recommendations?n=N for users drawn uniformly from PREFIX1 .. PREFIX<USERS>,
-- counting every status other than 200 (wrk itself only counts non-2xx/3xx and socket errors).
-- Environment: USERS (default 610, MovieLens latest-small), USER_PREFIX (default ""), N (default 10).
local users = tonumber(os.getenv("USERS") or "610")
local prefix = os.getenv("USER_PREFIX") or ""
local n = os.getenv("N") or "10"
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  non200 = 0
  responses = 0
end

function request()
  return wrk.format("GET", "/v1/users/" .. prefix .. math.random(1, users) .. "/recommendations?n=" .. n)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("non200")
  end
  io.write(string.format("responses %d, non-200 %d, socket errors connect %d read %d write %d timeout %d\n",
    total, bad, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
