-- Fires SPTJM confirmation on distinct cases: thread t takes ids t, t+2, t+4...
-- (each verification case waits in konfirmasi_opd once).
local threads = {}
local next_thread = 0
function setup(thread)
  thread:set("first", next_thread + 1)
  next_thread = next_thread + 1
  table.insert(threads, thread)
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
  local id = first + 2 * n
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/outcomes/setuju", headers, body)
end
