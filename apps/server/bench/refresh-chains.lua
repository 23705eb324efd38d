-- wrk script for the refresh row: each chain of rotations always presents its newest refresh
-- token, as a client does (a stale one would be refused as reuse). Tokens are not tied to a
-- connection: an answer's new token goes back to a queue, and the next request takes one.
-- TOKENS_FILE holds one token per line: connections + 1 of them, because wrk asks for one
-- request more than it has connections before the first answer comes back. With the queue empty, a request goes out without a token and is
-- counted as an error, never hidden.
local queue = {}
local head, tail = 1, 0

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tail = tail + 1
    queue[tail] = line
  end
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  local token = queue[head]
  if token == nil then
    return wrk.format(nil, nil, nil, "{}")
  end
  queue[head] = nil
  head = head + 1
  return wrk.format(nil, nil, nil, '{"refresh":"' .. token .. '"}')
end

function response(status, headers, body)
  local token = body:match('"refresh":"([^"]+)"')
  if token then
    tail = tail + 1
    queue[tail] = token
  end
end
