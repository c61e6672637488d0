-- Reads cases FIRST .. FIRST + COUNT - 1 round robin (warm pages, as an
-- office reading its inbox); by default 1 .. 1000:
--   wrk ... -s read_case.lua URL -- FIRST COUNT
local first, count = 1, 1000
function init(args)
  first = tonumber(args[1] or "1")
  count = tonumber(args[2] or "1000")
end
local n = 0
request = function()
  n = n % count + 1
  return wrk.format("GET", "/api/v1/cases/" .. (first + n - 1))
end
