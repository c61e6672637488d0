-- Reads cases 1..1000 round robin (warm pages, as an office reading its inbox).
local n = 0
request = function()
  n = n % 1000 + 1
  return wrk.format("GET", "/api/v1/cases/" .. n)
end
