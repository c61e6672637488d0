-- The soak's mix (bench/soak.sh): each wrk thread plays one role, so each
-- tallies the answers to its own kind of request.
--   thread 1: reads    GET /api/v1/cases/{id} of the imported cases, round robin
--   thread 2: advances POST .../outcomes/setuju (SPTJM), each case once, paced
--   thread 3: logins   good and bad passwords, paced (the KDF is meant to be slow)
--   thread 4: bad requests: invalid UTF-8 and control characters in the path,
--             invalid JSON, no token, unknown routes
-- Variables soak.sh sets in the environment: SOAK_OFFICER, SOAK_KADIS
-- (tokens), SOAK_FIRST and SOAK_CASES (the imported case ids), SOAK_PASSWORD.
local roles = {"read", "advance", "login", "bad"}
local threads = {}
local count = 0
function setup(thread)
  count = count + 1
  thread:set("role", roles[(count - 1) % #roles + 1])
  table.insert(threads, thread)
end

local first = tonumber(os.getenv("SOAK_FIRST") or "1")
local cases = tonumber(os.getenv("SOAK_CASES") or "1000")
local officer = os.getenv("SOAK_OFFICER") or ""
local kadis = os.getenv("SOAK_KADIS") or ""
local password = os.getenv("SOAK_PASSWORD") or ""
ok, other = 0, 0
local n = -1

local bad_requests = {
  {"GET", "/api/v1/cases/%FF/outcomes/x", {Authorization = "Bearer " .. officer}, nil},
  {"GET", "/api/v1/cases/%0A%7B%22forged%22%3A1%7D", {Authorization = "Bearer " .. officer}, nil},
  {"POST", "/api/v1/grievances", {Authorization = "Bearer " .. officer, ["Content-Type"] = "application/json"}, "{\"uraian\":"},
  {"GET", "/api/v1/cases", {}, nil},
  {"GET", "/api/v1/tidak-ada?q=%C3%28", {Authorization = "Bearer " .. officer}, nil},
  {"POST", "/api/v1/cases/1/outcomes/setuju", {Authorization = "Bearer " .. officer, ["Content-Type"] = "application/json"}, "[[[[[[["},
}

request = function()
  n = n + 1
  if role == "read" then
    return wrk.format("GET", "/api/v1/cases/" .. (first + n % cases), {Authorization = "Bearer " .. officer})
  elseif role == "advance" then
    return wrk.format("POST", "/api/v1/cases/" .. (first + n) .. "/outcomes/setuju",
                      {Authorization = "Bearer " .. kadis, ["Content-Type"] = "application/json"},
                      '{"input":{"nomor_sptjm":"800/soak/2025"}}')
  elseif role == "login" then
    local pass = (n % 4 == 3) and "salah-sekali" or password
    local user = (n % 4 == 3) and ("penyusup" .. n % 7) or "soak.login"
    return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"},
                      '{"username":"' .. user .. '","password":"' .. pass .. '"}')
  else
    local r = bad_requests[n % #bad_requests + 1]
    return wrk.format(r[1], r[2], r[3], r[4])
  end
end

-- Advances and logins are paced (ms between requests on a connection) so
-- the imported cases outlast the run and the KDF leaves CPU for the rest.
delay = function()
  if role == "advance" then return 40 end
  if role == "login" then return 250 end
  return 0
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("soak %s 2xx=%d other=%d\n", thread:get("role"), thread:get("ok"), thread:get("other")))
  end
end
