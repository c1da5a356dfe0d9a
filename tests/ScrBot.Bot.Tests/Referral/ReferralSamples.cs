using System.Text.Json.Nodes;
using ScrBot.Bot.Boards;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// The local board directory (config/directory.local.json, the Agents Playground's people), a referrer, and the
/// answers of a complete notification form as the cards send them.
/// </summary>
internal static class ReferralSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 14, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 23);

    public static readonly BoardId Staffordshire = new("staffordshire");

    public static readonly Actor Referrer = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000020"), "Alex Wilber");

    public static readonly Actor BoardManager = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000021"), "Megan Bowen");

    public static readonly Actor IndependentChair = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000022"), "Adele Vance");

    public static readonly Actor SubgroupChair = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000023"), "Isaiah Langer");

    public static readonly Actor AgencyRepresentative = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000024"), "Patti Fernandez");

    public static readonly Actor NoRole = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000025"), "Lynne Robbins");

    public static string LocalDirectoryPath => Path.Combine(AzuriteFixture.RepositoryRoot(), "config", "directory.local.json");

    public static BoardDirectory Directory { get; } = DirectoryFile.Load(LocalDirectoryPath);

    public static Dictionary<FormSection, Dictionary<string, string>> Answers() => new()
    {
        [FormSection.Referrer] = new()
        {
            [FormFields.Board] = "staffordshire",
            [InputIds.ReferralSource] = "Agency",
            [FormFields.ReferrerName] = "Alex Wilber",
            [FormFields.ReferrerRole] = "Head of Safeguarding",
            [FormFields.ReferrerAgency] = "staffs-csc",
            [FormFields.ReferrerContact] = "alexw@board.example",
            [FormFields.SeniorLeadsAware] = "true",
        },
        [FormSection.Child] = new()
        {
            [FormFields.ChildName] = "Jamie Collins",
            [FormFields.ChildOtherNames] = "Jamie Smith\nJJ",
            [FormFields.ChildDateOfBirth] = "2016-05-14",
            [FormFields.ChildGender] = "Male",
            [FormFields.ChildAddress] = "12 Example Road, Stafford ST16 0AA",
            [FormFields.ChildEthnicity] = "White British",
            [FormFields.ChildLookedAfter] = "no",
            [FormFields.ChildProtectionPlan] = "Previous",
            [FormFields.ChildInRegulatedSetting] = "no",
            [FormFields.ChildCustody] = "None",
        },
        [FormSection.Incident] = new()
        {
            [FormFields.IncidentKind] = "Died",
            [FormFields.IncidentDate] = "2026-11-02",
            [FormFields.IncidentDateAware] = "2026-11-03",
            [FormFields.IncidentAbuseOrNeglect] = "Suspected",
            [FormFields.IncidentDescription] = "Jamie was found unresponsive at home and died in hospital. Neighbours had reported concerns about neglect.",
            [FormFields.IncidentInterAgencyConcern] = "Concerns",
            [FormFields.IncidentInterAgencyConcernDetails] = "Two referrals from the school were not shared with health.",
        },
        [FormSection.SignificantOthers] = new()
        {
            [InputIds.SignificantOther(0, FormFields.SignificantOtherName)] = "Sam Collins",
            [InputIds.SignificantOther(0, FormFields.SignificantOtherRelationship)] = "Mother",
            [InputIds.SignificantOther(0, FormFields.SignificantOtherDateOfBirth)] = "1990-02-01",
        },
        [FormSection.AgenciesAndBoards] = new()
        {
            [InputIds.AgenciesInvolved] = "staffs-police,staffs-health",
            [InputIds.OtherAgenciesInvolved] = "St Mary's Primary School",
            [FormFields.OtherBoardsInvolved] = "stoke-on-trent",
        },
        [FormSection.ParallelProcesses] = new()
        {
            [FormFields.CriminalInvestigation] = "true",
            [FormFields.SeniorInvestigatingOfficer] = "DI Jo Patel, Staffordshire Police, 01785 000000",
            [InputIds.ChildDeathReview] = "true",
            [InputIds.Coroner] = "true",
        },
    };

    /// <summary>A draft with every section filled in and passed.</summary>
    public static FormDraft FilledDraft(Dictionary<FormSection, Dictionary<string, string>>? answers = null)
    {
        answers ??= Answers();
        var draft = FormDraft.Start(Referrer.Id, "draft-1", Now.AddMinutes(-20));
        foreach (var (section, sent) in answers.OrderBy(a => a.Key))
        {
            draft = draft.WithSection(section, sent);
        }

        return draft with { SectionsPassed = FormSections.Count, Section = FormSection.ParallelProcesses, SavedAt = Now.AddMinutes(-2) };
    }

    /// <summary>What a card sends when its buttons are pressed: the inputs, with the action's data.</summary>
    public static JsonObject Submission(FormDraft draft, FormSection section, IReadOnlyDictionary<string, string> inputs)
    {
        var data = new JsonObject { ["section"] = ((int)section).ToString(System.Globalization.CultureInfo.InvariantCulture), ["draftId"] = draft.DraftId };
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return data;
    }

    /// <summary>Every input of a section at the longest the card allows.</summary>
    public static Dictionary<string, string> Longest(FormSection section, int rows, Func<string, int> maxLength)
    {
        var answers = Answers()[section];
        foreach (var id in InputIds.Of(section, rows))
        {
            var max = maxLength(id);
            if (max > 0)
            {
                answers[id] = new string('w', max);
            }
        }

        return answers;
    }
}
