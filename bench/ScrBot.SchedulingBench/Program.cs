// Finding a Scoping Panel slot: Graph calls made and slot-finding time, for 20 and 45 invitees over 10 working days.
//
//   dotnet run -c Release --project bench/ScrBot.SchedulingBench
//
// Free/busy is read through ScrBot's own Graph client from the Graph stand-in (tools/GraphStandIn) on loopback, each
// invitee with a busy working fortnight (one to three meetings a day, some tentative, an out-of-office day now and
// then, drawn from a fixed seed); six of them are required (one per agency), the rest optional. Graph calls are
// counted by the stand-in; slot finding (SlotFinder.Find, pure) is timed on its own, as the median of many runs after
// a warm-up. Figures are printed, not asserted.
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Scheduling;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Scheduling;
using ScrBot.GraphStandIn;

namespace ScrBot.SchedulingBench;

internal static class Program
{
    private const string Organiser = "scr-panels@board.example";

    public static async Task<int> Main()
    {
        var calendar = WorkingDayCalendar.EnglandAndWales;
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Console.WriteLine("ScrBot slot-finding benchmark: free/busy from the Graph stand-in, 10 working days, 09:30-16:30 London, 2-hour meeting");
        Console.WriteLine();
        Console.WriteLine($"{"invitees",9} {"Graph calls",12} {"(aim)",6} {"read free/busy",15} {"find slots (median)",20} {"(aim)",8} {"slots",6}");
        var worst = TimeSpan.Zero;
        foreach (var (count, aim) in new[] { (20, 1), (45, 3) })
        {
            await using var standIn = await GraphStandInServer.StartAsync();
            standIn.State.TenantDomains.Add("board.example");
            var invitees = Enumerable.Range(1, count).Select(i => new Invitee($"member{i}@board.example", $"Member {i}", i <= 6)).ToList();
            var search = SlotSearch.NextWorkingDays(now, calendar);
            var window = SlotFinder.WindowOf(search, calendar);
            Seed(standIn.State, invitees, window);

            var settings = new GraphSettings { BaseUrl = standIn.BaseUrl, OrganiserMailbox = Organiser, Credential = GraphCredentialKind.LocalStandIn };
            using var client = GraphConnection.CreateClient(settings, new LocalStandInCredential(TimeProvider.System), TimeProvider.System, NullLogger.Instance);
            var panel = new PanelCalendar(client, settings, NullLogger<PanelCalendar>.Instance);

            await panel.ReadFreeBusyAsync(invitees.Take(1).ToList(), window, CancellationToken.None); // warm up the HTTP stack
            standIn.State.ClearRequests();
            var read = Stopwatch.StartNew();
            var freeBusy = await panel.ReadFreeBusyAsync(invitees, window, CancellationToken.None);
            read.Stop();
            if (!freeBusy.Succeeded)
            {
                Console.Error.WriteLine(freeBusy.Failure);
                return 1;
            }

            var calls = standIn.State.Requests.Count(r => r.Path.EndsWith("/getSchedule", StringComparison.Ordinal));
            var availability = freeBusy.Value!.Availability;
            SlotSearchResult result = null!;
            for (var i = 0; i < 20; i++)
            {
                result = SlotFinder.Find(search, availability, calendar);
            }

            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var watch = Stopwatch.StartNew();
                result = SlotFinder.Find(search, availability, calendar);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var median = TimeSpan.FromMilliseconds(times[times.Count / 2]);
            worst = median > worst ? median : worst;
            Console.WriteLine($"{count,9} {calls,12} {aim,6} {read.Elapsed.TotalMilliseconds,12:0.0} ms {median.TotalMilliseconds,17:0.000} ms {"< 50 ms",8} {result.Slots.Count,6}");
        }

        Console.WriteLine();
        Console.WriteLine($"Slowest slot finding: {worst.TotalMilliseconds:0.000} ms (aim: under 50 ms)");
        return 0;
    }

    /// <summary>A busy fortnight for everyone, the same on every run.</summary>
    private static void Seed(StandInState state, IReadOnlyList<Invitee> invitees, SearchWindow window)
    {
        var random = new Random(20261130);
        foreach (var invitee in invitees)
        {
            var person = state.Person(invitee.Address, displayName: invitee.Name);
            foreach (var day in window.Days)
            {
                if (random.Next(30) == 0)
                {
                    person.Busy.Add(new BusyTime(LondonTime.StartOfDay(day), LondonTime.EndOfDay(day), BusyStatus.Oof, "Annual leave"));
                    continue;
                }

                for (var meeting = random.Next(1, 4); meeting > 0; meeting--)
                {
                    var start = LondonTime.ToInstant(day, new TimeOnly(8 + random.Next(9), random.Next(2) * 30));
                    var status = random.Next(6) == 0 ? BusyStatus.Tentative : BusyStatus.Busy;
                    person.Busy.Add(new BusyTime(start, start.AddMinutes(30 * random.Next(1, 4)), status, "Meeting"));
                }
            }
        }
    }
}
