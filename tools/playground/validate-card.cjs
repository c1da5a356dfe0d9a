#!/usr/bin/env node
// Checks Adaptive Cards with the official parser (npm adaptivecards), as Teams renders them (schema 1.5).
// Reads a JSON array of cards on standard input; prints a JSON array with each card's problems (empty when valid).
//   echo '[{"type":"AdaptiveCard","version":"1.5","body":[]}]' | node tools/playground/validate-card.cjs
const path = require("node:path");
const AC = require(path.join(__dirname, "..", "node_modules", "adaptivecards", "dist", "adaptivecards.js"));

function problems(json) {
  const found = [];
  if (json.version !== "1.5" && json.version !== "1.4" && json.version !== "1.3" && json.version !== "1.2") {
    found.push(`version ${json.version} is not one Teams renders (at most 1.5)`);
  }
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    found.push(context.getEventAt(i).message);
  }
  const validation = card.validateProperties();
  for (const event of validation.validationEvents || []) {
    found.push(event.message);
  }
  return found;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const cards = JSON.parse(input);
  process.stdout.write(JSON.stringify(cards.map(problems)));
});
