-- wrk script for the B1 benchmark (bench/run.sh): the same POST on every request, any
-- non-2xx answer counted as an error, and one machine-readable summary line at the end.
--
--   BENCH_KIND=verify  JSON citizen verification to the gateway; needs BENCH_TOKEN (a bearer token)
--   BENCH_KIND=soap    the SOAP 1.1 lookup the gateway sends, straight to the stub or through nginx
--
-- Summary line (parsed by run.sh):
--   WRK_RESULT requests=N non2xx=N connect=N read=N write=N timeout=N first_bad_status=S
--
-- wrk loads a script that fails with a message on stderr and goes on with plain GETs, so run.sh
-- treats a missing WRK_RESULT line as a failed run.

local kind = os.getenv("BENCH_KIND") or "verify"

wrk.method = "POST"

if kind == "soap" then
  wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
  wrk.headers["SOAPAction"] = '"http://dancuquocgia.bca/TraCuuThongTinCongDan"'
  wrk.body = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    .. '<soap:Body><TraCuuThongTinCongDan xmlns="http://dancuquocgia.bca">'
    .. '<MaYeuCau>bench</MaYeuCau><MaDVC>ANSINH</MaDVC><MaCanBo>dolisa-demo</MaCanBo>'
    .. '<SoDinhDanh>040090000123</SoDinhDanh>'
    .. '</TraCuuThongTinCongDan></soap:Body></soap:Envelope>'
elseif kind == "verify" then
  local token = os.getenv("BENCH_TOKEN")
  if token == nil or token == "" then
    error("post.lua: BENCH_TOKEN (bearer token) is not set")
  end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.body = '{"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}'
else
  error("post.lua: BENCH_KIND must be verify or soap, not " .. kind)
end

-- Per-thread counters (each wrk thread runs its own copy of this script).
non2xx = 0
first_bad_status = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- A response() callback costs wrk 10-15% of its speed at 40k req/s (headers and body are handed
-- to Lua), which would understate the stub and the nginx hop. So only the gateway's answers go
-- through it (any non-2xx, 3xx included); for the SOAP runs wrk's own count of statuses >= 400
-- is used -- the stub answers only 200 and nginx fails with 5xx, so nothing is missed.
if kind == "verify" then
  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad_status == 0 then
        first_bad_status = status
      end
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    local status = thread:get("first_bad_status")
    if first == 0 and status ~= 0 then
      first = status
    end
  end
  local e = summary.errors
  if kind ~= "verify" then
    bad = e.status
  end
  io.write(string.format(
    "WRK_RESULT requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d first_bad_status=%d\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout, first))
end
