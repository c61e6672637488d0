-- Fires SPTJM confirmation on distinct cases (each verification case waits
-- in konfirmasi_opd once): thread t of THREADS takes ids
-- OFFSET + t, OFFSET + t + STRIDE, ... With no arguments OFFSET is 0 and
-- STRIDE 2 (wrk -t2); bench/cluster_bench.sh gives each wrk process its
-- own OFFSET and the processes' total as STRIDE:
--   wrk ... -s advance_case.lua URL -- OFFSET STRIDE
local threads = {}
local next_thread = 0
function setup(thread)
  thread:set("first", next_thread + 1)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end
local offset, stride = 0, 2
function init(args)
  offset = tonumber(args[1] or "0")
  stride = tonumber(args[2] or "2")
end
local body = '{"input":{"nomor_sptjm":"800/bench/2025"}}'
-- wrk.format replaces wrk.headers (the -H Authorization) with the table it
-- is given: copy them and add the content type.
local headers = nil
local n = -1
request = function()
  if headers == nil then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
  end
  n = n + 1
  local id = offset + first + stride * n
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/outcomes/setuju", headers, body)
end
