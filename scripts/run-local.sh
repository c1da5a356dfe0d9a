#!/usr/bin/env bash
# Runs ScrBot on this machine: Azurite (Azure Tables), the Microsoft Graph stand-in on http://127.0.0.1:5290 (free/busy,
# Scoping Panel meetings, installing ScrBot for people), the bot on http://127.0.0.1:3978, and the Microsoft 365
# Agents Playground (a local Teams-like client) on http://localhost:56150. Ctrl-C stops all of them.
#
#   scripts/run-local.sh                      act as the first mock person (Alex Wilber)
#   scripts/run-local.sh --as "Adele Vance"   act as another mock person (tools/playground/mock-users.json)
#   scripts/run-local.sh --everyone           one Playground per mock person (ports 56150, 56151, ...), so that
#                                             one person can switch users by switching browser tabs (the Scoping
#                                             Panel meeting: Megan Bowen books it, Patti Fernandez and Isaiah Langer
#                                             answer and sign; Outlook answers and busy times through the stand-in)
#   scripts/run-local.sh --sweep-nudges       (in another terminal, while it runs) send today's deadline nudges
#                                             and channel reminder now instead of at 08:00 London time
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/tools"
work="$root/.local/run"
as=""
everyone=0
sweep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --as) as="${2:?--as needs a name}"; shift 2 ;;
    --everyone) everyone=1; shift ;;
    --sweep-nudges) sweep=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
directory=""
[ -f "$root/config/directory.local.json" ] && directory="$root/config/directory.local.json"

if [ "$sweep" = 1 ]; then
  # The running bot's storage (Azurite) and people; the nudges go to the Playgrounds' chats and channel.
  if ! curl -s -o /dev/null "http://127.0.0.1:3978/health"; then
    echo "ScrBot is not running here: start it with scripts/run-local.sh first, then run --sweep-nudges in another terminal." >&2
    exit 1
  fi
  cd "$root/src/Bot"
  export ASPNETCORE_ENVIRONMENT=Development Storage__TablesConnectionString="$tables"
  [ -n "$directory" ] && export Directory__Path="$directory"
  exec dotnet bin/Debug/net10.0/ScrBot.Bot.dll sweep-nudges
fi

if [ ! -e "$tools/node_modules/azurite" ] || [ ! -e "$tools/node_modules/@microsoft/m365agentsplayground" ]; then
  echo "==> npm tools (tools/package-lock.json)"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p "$work"
pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

wait_for() { # url, what, seconds
  for _ in $(seq 1 $(( $3 * 5 ))); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.2
  done
  echo "$2 did not start in $3 seconds; see $work/*.log" >&2
  exit 1
}

echo "==> Azurite (Tables on 127.0.0.1:10002, in memory)"
node "$tools/node_modules/azurite/dist/src/table/main.js" --tableHost 127.0.0.1 --tablePort 10002 --inMemoryPersistence \
  --skipApiVersionCheck --disableTelemetry >"$work/azurite.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:10002/" "Azurite" 30

echo "==> Building the Graph stand-in and ScrBot (the first build restores NuGet packages and takes a few minutes)"
build() { # project, log
  dotnet build "$1" -nologo -v minimal 2>&1 | tee "$2" | sed -u 's/^/    /' || { echo "The build failed; see $2" >&2; exit 1; }
}
build "$root/tools/GraphStandIn/GraphStandIn.csproj" "$work/graph-build.log"
build "$root/src/Bot/ScrBot.Bot.csproj" "$work/build.log"

echo "==> Microsoft Graph stand-in on http://127.0.0.1:5290 (people: config/graph-standin.local.json)"
graph_app_id="0f5c3b8e-5c0b-4a7e-8000-000000000001"
dotnet "$root/tools/GraphStandIn/bin/Debug/net10.0/ScrBot.GraphStandIn.dll" --urls http://127.0.0.1:5290 \
  --csdl "$root/specs/graph-v1.0.csdl" --people "$root/config/graph-standin.local.json" --catalogue "$graph_app_id" \
  >"$work/graph.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:5290/_standin/" "The Graph stand-in" 60
echo "    set busy times: curl -X POST http://127.0.0.1:5290/_standin/people/pattif@board.example/busy -H 'Content-Type: application/json' \\"
echo "      -d '{\"start\":\"2026-12-01T09:00:00+00:00\",\"end\":\"2026-12-01T12:00:00+00:00\",\"status\":\"Busy\"}'   (see docs/graph.md)"
echo "    answer in Outlook: curl -X POST http://127.0.0.1:5290/_standin/events/<id>/responses -H 'Content-Type: application/json' \\"
echo "      -d '{\"address\":\"pattif@board.example\",\"response\":\"accepted\"}'   (the meeting's id: curl http://127.0.0.1:5290/_standin/)"

echo "==> ScrBot on http://127.0.0.1:3978 (no app id: local development)"
(
  cd "$root/src/Bot"
  export ASPNETCORE_URLS="http://127.0.0.1:3978" ASPNETCORE_ENVIRONMENT=Development
  export Storage__TablesConnectionString="$tables"
  [ -n "$directory" ] && export Directory__Path="$directory"
  export Graph__BaseUrl="http://127.0.0.1:5290/v1.0" Graph__OrganiserMailbox="scr-panels@board.example" Graph__TeamsAppId="$graph_app_id"
  # The invitees' Outlook answers (set through the stand-in) reach the hub card within a minute, not fifteen.
  export Graph__AnswersEvery="00:01:00"
  exec dotnet bin/Debug/net10.0/ScrBot.Bot.dll
) >"$work/bot.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:3978/health" "ScrBot" 60
[ -n "$directory" ] && echo "    people directory: $directory"

people=()
if [ "$everyone" = 1 ]; then
  while IFS=$'\t' read -r name _; do people+=("$name"); done < <(node "$tools/playground/config.mjs" --list)
elif [ -n "$as" ]; then
  people=("$as")
else
  people=("$(node "$tools/playground/config.mjs" --list | head -n1 | cut -f1)")
fi

echo "==> Microsoft 365 Agents Playground"
port=56150
urls=()
for person in "${people[@]}"; do
  dir="$work/playground-$port"
  log="$work/playground-$port.log"
  mkdir -p "$dir"
  : >"$log" # the log exists before it is read, whichever process starts first
  node "$tools/playground/config.mjs" --as "$person" --out "$dir/.m365agentsplayground.yml"
  (
    cd "$dir"
    export TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$dir/.m365agentsplayground.yml"
    exec node "$tools/node_modules/.bin/agentsplayground" -e http://127.0.0.1:3978/api/messages -c msteams \
      --disable-telemetry -p "$port"
  ) >>"$log" 2>&1 &
  pids+=($!)
  actual=""
  for _ in $(seq 1 150); do
    actual="$(sed -n 's/^Listening on \([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -n1 || true)"
    [ -n "$actual" ] && break
    sleep 0.2
  done
  [ -n "$actual" ] || { echo "The Playground for $person did not start; see $log" >&2; exit 1; }
  urls+=("    $person: http://localhost:$actual")
  port=$((port + 1))
done

echo
echo "Open the Playground in a browser:"
printf '%s\n' "${urls[@]}"
echo "Logs are in $work. Press Ctrl-C to stop Azurite, the Graph stand-in, the bot and the Playground."
echo "To see today's deadline nudges now: bash scripts/run-local.sh --sweep-nudges (in another terminal)."
wait
