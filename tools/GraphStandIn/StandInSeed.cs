namespace ScrBot.GraphStandIn;

/// <summary>People and their busy times to start the stand-in with (a JSON file, e.g. config/graph-standin.local.json).</summary>
public sealed record StandInSeed
{
    public List<string> TenantDomains { get; init; } = [];

    public List<SeedPerson> People { get; init; } = [];

    public void ApplyTo(StandInState state)
    {
        lock (state.Gate)
        {
            foreach (var domain in TenantDomains)
            {
                state.TenantDomains.Add(domain);
            }

            foreach (var seed in People)
            {
                var person = state.Person(seed.Address, seed.Id, seed.DisplayName);
                person.HasTeams = seed.HasTeams;
                person.Busy.AddRange(seed.Busy);
            }
        }
    }
}

/// <summary>A person in the seed file.</summary>
public sealed record SeedPerson(string Address, string? Id, string? DisplayName, List<BusyTime> Busy, bool HasTeams = true);
