#!/usr/bin/env node
// Writes a Microsoft 365 Agents Playground config (.m365agentsplayground.yml) in which one of the mock people in
// mock-users.json is the acting user and the first five others are the rest of the tenant, the group chat and the team
// (the Playground takes exactly five others).
//
//   node tools/playground/config.mjs --list
//   node tools/playground/config.mjs --as "Megan Bowen" --out /tmp/megan/.m365agentsplayground.yml
//
// --as takes a display name, a first name, a Teams user id or an aadObjectId (default: the first person).
// The file is JSON, which YAML reads as it is; the Playground finds it through M365_AGENTS_PLAYGROUND_CONFIG_PATH
// or as .m365agentsplayground.yml in its working directory.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const mock = JSON.parse(fs.readFileSync(path.join(here, "mock-users.json"), "utf8"));

function option(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function find(who) {
  if (!who) return mock.users[0];
  const wanted = who.trim().toLowerCase();
  const person = mock.users.find((u) =>
    [u.name, u.givenName, u.id, u.aadObjectId, u.email].some((v) => v && v.toLowerCase() === wanted));
  if (!person) {
    console.error(`No mock person called '${who}'. Choose one of: ${mock.users.map((u) => u.name).join(", ")}.`);
    process.exit(2);
  }
  return person;
}

function asPlaygroundUser(u) {
  return {
    id: u.id,
    name: u.name,
    userPrincipleName: u.userPrincipleName,
    aadObjectId: u.aadObjectId,
    givenName: u.givenName,
    surname: u.surname,
    email: u.email,
  };
}

if (process.argv.includes("--list")) {
  for (const u of mock.users) console.log(`${u.name}\t${u.suggestedRole}`);
  process.exit(0);
}

const me = find(option("--as"));
const config = {
  version: "0.1.1",
  tenantId: mock.tenantId,
  bot: mock.bot,
  currentUser: asPlaygroundUser(me),
  users: mock.users.filter((u) => u !== me).slice(0, 5).map(asPlaygroundUser),
  personalChat: { id: me.personalChatId },
  groupChat: mock.groupChat,
  team: {
    id: mock.team.id,
    name: mock.team.name,
    aadGroupId: mock.team.aadGroupId,
    channels: [mock.team.channel],
  },
};

const text = `# Microsoft 365 Agents Playground config for ScrBot, acting as ${me.name}. Written by tools/playground/config.mjs.\n` +
  JSON.stringify(config, null, 2) + "\n";
const out = option("--out");
if (out) {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, text);
} else {
  process.stdout.write(text);
}
