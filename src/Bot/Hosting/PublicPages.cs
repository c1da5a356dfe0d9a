using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary>
/// The pages the Teams app package links to (the manifest's website, privacy and terms-of-use addresses default to
/// <c>/</c>, <c>/privacy</c> and <c>/terms</c> on the bot's own host): plain statements of what ScrBot is, what it
/// keeps and who sees it.
/// </summary>
public static class PublicPages
{
    public const string About =
        "ScrBot runs the Serious Case Review process of Local Safeguarding Children Boards in Microsoft Teams: referrals " +
        "on the Joint LSCB Notification Form, triage by the Board Manager, the Scoping Panel, the Independent Chair's " +
        "decision and the deadlines of the toolkit, each worked out from the facts of the case.";

    public static readonly IReadOnlyList<string> Privacy =
    [
        "ScrBot is run by your Safeguarding Children Board. The board decides who holds which role; ScrBot keeps the " +
        "Microsoft Entra object id and name of each person with a role.",
        "A child's identifying details (name, other names, date of birth, address, significant others) are kept in that " +
        "case's own record only, and shown only to people with a role on the case. Channel posts, reminders, indexes " +
        "and logs carry the case reference only.",
        "To reach people in Teams, ScrBot keeps where to send messages (the Teams service address, tenant, conversation, " +
        "and user or channel id) and nothing else about the conversation. It forgets a chat when the app is removed.",
        "A referral being filled in is kept as a draft for the person filling it in until they send or discard it.",
        "Every action on a case, and every refused attempt, is kept in the case's audit trail, which nobody can edit.",
        "The board is the data controller. Questions about your information go to the board's business office.",
    ];

    public static readonly IReadOnlyList<string> Terms =
    [
        "ScrBot is for the people a Safeguarding Children Board gives a role in its Serious Case Review process.",
        "Use it only for the board's safeguarding work, and share what you see in it on a need-to-know basis, as the " +
        "board's confidentiality statement requires.",
        "ScrBot's reading of the criteria is advice: decisions stay with the sub-group and the Independent Chair.",
    ];

    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Page("ScrBot", [About]));
        app.MapGet("/privacy", () => Page("ScrBot · Privacy", Privacy));
        app.MapGet("/terms", () => Page("ScrBot · Terms of use", Terms));
        return app;
    }

    private static IResult Page(string title, IEnumerable<string> paragraphs)
    {
        var body = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
        var html = $"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
                   $"<title>{WebUtility.HtmlEncode(title)}</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5\">" +
                   $"<h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
