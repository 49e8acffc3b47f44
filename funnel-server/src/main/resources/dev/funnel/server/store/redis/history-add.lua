-- Applies one event to a user's recent history, atomically (Redis runs a script without interleaving).
-- KEYS[1]: hash  item -> "weighted rating ratingTime latest types" (ratingTime "-" while the item has no rating;
-- types: the event types seen on the pair, comma-separated in order of first occurrence; absent in values written
-- before types were kept)
-- KEYS[2]: sorted set  item -> arrival rank (higher = newer)
-- ARGV: item, weight, isValue ("1" or "0"), timestamp, n (entries kept), ttl (seconds the keys live after
-- this event; 0: for ever), the event's type ('' when unknown)
-- Aggregation as in the dataset builder: non-rating weights add up; the rating with the latest time replaces the
-- rating part (a tie goes to the later arrival); the latest time is kept; the item moves to the newest position.
local item, weight, isValue, time, n = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
-- KEYS[3] (with ARGV[8], the event's log sequence number): a sorted set of the user's last applied sequence numbers
-- (at most ARGV[9]). A number in it, or older than all of a full set's, was applied: this call changes nothing.
local sequence = tonumber(ARGV[8])
if KEYS[3] then
  if redis.call('ZSCORE', KEYS[3], ARGV[8]) then
    return -1
  end
  local kept = tonumber(ARGV[9])
  if redis.call('ZCARD', KEYS[3]) >= kept then
    local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
    if sequence < tonumber(oldest[2]) then
      return -1
    end
  end
  redis.call('ZADD', KEYS[3], sequence, ARGV[8])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -kept - 1)
end
local weighted, rating, ratingTime, latest, types = 0, '0', '-', time, ''
local old = redis.call('HGET', KEYS[1], item)
if old then
  local w, r, rt, l, ty = string.match(old, '^(%S+) (%S+) (%S+) (%S+) ?(%S*)$')
  weighted, rating, ratingTime, types = tonumber(w), r, rt, ty
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
local type = ARGV[7]
if type == '' then
  -- unknown: the pair's types stay as they are
elseif types == '' then
  types = type
elseif not string.find(',' .. types .. ',', ',' .. type .. ',', 1, true) then
  types = types .. ',' .. type
end
redis.call('HSET', KEYS[1], item,
  string.format('%.17g', weighted) .. ' ' .. rating .. ' ' .. ratingTime .. ' ' .. latest .. ' ' .. types)

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
