using ScrBot.Bot.Conversations;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Referral;

var builder = WebApplication.CreateBuilder(args);

// The Bot Connector host: settings, Azure Tables (TableServiceClient), inbound auth, the sender, the router, `help`.
builder.Services.AddScrBot();

// The referral journey: `refer`, the notification form's buttons, triage, `case <reference>`, the board directory.
builder.Services.AddReferralJourney();

// Stages 3–4 and the interaction model every stage uses: task cards, updates in place, the hub card, `tasks`.
builder.Services.AddCaseStages();

// Deadline nudges: each working day at Nudges__TimeOfDay (08:00 London), owners are nudged and each board's channel reminded.
builder.Services.AddDeadlineNudges();

// Features plug into the router here, e.g.:
//   builder.Services.AddCommand<ReferralCommand>();          // a typed command word
//   builder.Services.AddCardAction<ReferralCardActions>();   // card verbs under a prefix such as "referral."
//   builder.Services.AddHelpEntry(new HelpEntry("New referral", "Refer a case", Verb: "referral.start"));

var app = builder.Build();
app.MapScrBot();

try
{
    if (UndeliveredReport.IsRequested(args))
    {
        return await UndeliveredReport.RunAsync(app.Services, args, Console.Out);
    }

    if (ScrBot.Bot.Nudges.NudgeSweepCommand.IsRequested(args))
    {
        return await ScrBot.Bot.Nudges.NudgeSweepCommand.RunAsync(app.Services, Console.Out);
    }

    await app.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
