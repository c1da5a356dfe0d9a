using System.Text.Json.Serialization;

namespace ScrBot.Domain.Cases;

/// <summary>The stages of a review case, numbered as in process.md.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
public enum Stage
{
    Referral = 1,
    Triage = 2,
    SubgroupDecision = 3,
    PreparingScopingPanel = 4,
    ScopingPanel = 5,
    IndependentChairDecision = 6,
    AfterDecision = 7,
    Review = 8,
    ReportAndPublication = 9,
    ActionPlan = 10,
    Closed = 11,
}
