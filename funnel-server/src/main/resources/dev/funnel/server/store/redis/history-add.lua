-- Applies one event to a user's recent history, atomically (Redis runs a script without interleaving).
-- KEYS[1]: hash  item -> "weighted rating ratingTime latest" (ratingTime "-" while the item has no rating)
-- KEYS[2]: sorted set  item -> arrival rank (higher = newer)
-- ARGV: item, weight, isValue ("1" or "0"), timestamp, n (entries kept), ttl (seconds both keys live after
-- this event; 0: for ever)
-- Aggregation as in the dataset builder: non-rating weights add up; the rating with the latest time replaces the
-- rating part (a tie goes to the later arrival); the latest time is kept; the item moves to the newest position.
local item, weight, isValue, time, n = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local weighted, rating, ratingTime, latest = 0, '0', '-', time
local old = redis.call('HGET', KEYS[1], item)
if old then
  local w, r, rt, l = string.match(old, '^(%S+) (%S+) (%S+) (%S+)$')
  weighted, rating, ratingTime = tonumber(w), r, rt
  if tonumber(l) > tonumber(time) then
    latest = l
  end
end
if isValue == '1' then
  if ratingTime == '-' or tonumber(time) >= tonumber(ratingTime) then
    rating, ratingTime = weight, time
  end
else
  weighted = weighted + tonumber(weight)
end
-- %.17g prints a double exactly, so repeated additions lose nothing to formatting.
redis.call('HSET', KEYS[1], item, string.format('%.17g', weighted) .. ' ' .. rating .. ' ' .. ratingTime .. ' ' .. latest)

local newest = redis.call('ZREVRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local rank = 1
if newest[2] then
  rank = tonumber(newest[2]) + 1
end
redis.call('ZADD', KEYS[2], rank, item)
local size = redis.call('ZCARD', KEYS[2])
if size > n then
  local evicted = redis.call('ZRANGE', KEYS[2], 0, size - n - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, size - n - 1)
  redis.call('HDEL', KEYS[1], unpack(evicted))
end
local ttl = tonumber(ARGV[6])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
end
return size
