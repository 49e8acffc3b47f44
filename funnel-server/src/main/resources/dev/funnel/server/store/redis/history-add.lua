-- Applies one event to a user's recent history, atomically (Redis runs a script without interleaving).
-- KEYS[1]: hash  item -> "weighted rating ratingTime latest" (ratingTime "-" while the item has no rating)
-- KEYS[2]: sorted set  item -> arrival rank (higher = newer)
-- ARGV: item, weight, isValue ("1" or "0"), timestamp, n (entries kept), ttl (seconds the keys live after
-- this event; 0: for ever)
-- Aggregation as in the dataset builder: non-rating weights add up; the rating with the latest time replaces the
-- rating part (a tie goes to the later arrival); the latest time is kept; the item moves to the newest position.
local item, weight, isValue, time, n = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
-- KEYS[3] (with ARGV[7], the event's log sequence number): a sorted set of the user's last applied sequence numbers
-- (at most ARGV[8]). A number in it, or older than all of a full set's, was applied: this call changes nothing.
local sequence = tonumber(ARGV[7])
if KEYS[3] then
  if redis.call('ZSCORE', KEYS[3], ARGV[7]) then
    return -1
  end
  local kept = tonumber(ARGV[8])
  if redis.call('ZCARD', KEYS[3]) >= kept then
    local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
    if sequence < tonumber(oldest[2]) then
      return -1
    end
  end
  redis.call('ZADD', KEYS[3], sequence, ARGV[7])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -kept - 1)
end
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
  for _, key in ipairs(KEYS) do
    redis.call('EXPIRE', key, ttl)
  end
end
return size
