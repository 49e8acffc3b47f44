-- A user's last n entries, oldest first, as a flat list: item, "weighted rating ratingTime latest", item, ...
-- KEYS as in history-add.lua; ARGV[1]: n
local items = redis.call('ZRANGE', KEYS[2], -tonumber(ARGV[1]), -1)
if #items == 0 then
  return {}
end
local aggregates = redis.call('HMGET', KEYS[1], unpack(items))
local out = {}
for i, item in ipairs(items) do
  out[2 * i - 1] = item
  out[2 * i] = aggregates[i]
end
return out
