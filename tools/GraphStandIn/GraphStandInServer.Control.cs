using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ScrBot.GraphStandIn;

/// <summary>The stand-in's own routes under <c>/_standin/</c>, through which tests and a local user change what it holds.</summary>
public sealed partial class GraphStandInServer
{
    private void MapControl()
    {
        var control = _app.MapGroup("/_standin");
        control.MapGet("/", () => Results.Json(new
        {
            people = State.PeopleByAddress.Values.Select(p => new { p.Address, p.Id, p.DisplayName, p.HasTeams, busy = p.Busy }),
            events = State.Events.Values.Select(e => new { e.Id, e.Organiser, e.TransactionId, e.IsCancelled, subject = e.Body["subject"]?.GetValue<string>() }),
            installations = State.Installations,
            faults = State.Faults,
        }, Json));
        control.MapPut("/people/{address}", (string address, PersonSetting setting) =>
        {
            lock (State.Gate)
            {
                var person = State.Person(address, setting.Id, setting.DisplayName);
                person.HasTeams = setting.HasTeams ?? person.HasTeams;
                if (setting.Busy is { } busy)
                {
                    person.Busy.Clear();
                    person.Busy.AddRange(busy);
                }

                return Results.Json(new { person.Address, person.Id, person.DisplayName, person.HasTeams, busy = person.Busy }, Json);
            }
        });
        control.MapPost("/people/{address}/busy", (string address, BusyTime busy) =>
        {
            lock (State.Gate)
            {
                State.Person(address).Busy.Add(busy);
                return Results.NoContent();
            }
        });
        control.MapPost("/tenant-domains/{domain}", (string domain) =>
        {
            lock (State.Gate)
            {
                State.TenantDomains.Add(domain);
                return Results.NoContent();
            }
        });
        control.MapPost("/faults", (Fault fault) =>
        {
            lock (State.Gate)
            {
                State.Faults.Add(fault);
                return Results.NoContent();
            }
        });
        control.MapPost("/events/{id}/responses", (string id, ResponseSetting setting) =>
        {
            lock (State.Gate)
            {
                if (!State.Events.TryGetValue(id, out var record))
                {
                    return Results.NotFound();
                }

                record.Responses[setting.Address] = (setting.Response, _time.GetUtcNow());
                return Results.NoContent();
            }
        });
        control.MapPut("/catalogue/{appId}", (string appId, string? name) =>
        {
            lock (State.Gate)
            {
                State.Catalogue[appId] = name ?? "ScrBot";
                return Results.NoContent();
            }
        });
        control.MapPut("/bot", (BotSetting setting) =>
        {
            State.BotEndpoint = setting.Endpoint;
            State.BotServiceUrl = setting.ServiceUrl;
            return Results.NoContent();
        });
        control.MapGet("/requests", () => Results.Json(State.Requests, Json));
    }

    private sealed record PersonSetting(string? Id, string? DisplayName, bool? HasTeams, List<BusyTime>? Busy);

    private sealed record ResponseSetting(string Address, string Response);

    private sealed record BotSetting(Uri? Endpoint, Uri? ServiceUrl);
}
