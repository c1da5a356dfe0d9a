using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>The six sections of the notification form, each its own card.</summary>
public enum FormSection
{
    Referrer = 1,
    Child = 2,
    Incident = 3,
    SignificantOthers = 4,
    AgenciesAndBoards = 5,
    ParallelProcesses = 6,
}

public static class FormSections
{
    public const int Count = 6;

    public static IReadOnlyList<FormSection> All { get; } = Enum.GetValues<FormSection>();

    public static string Title(FormSection section) => section switch
    {
        FormSection.Referrer => "About you and your agency",
        FormSection.Child => "The child",
        FormSection.Incident => "The incident",
        FormSection.SignificantOthers => "Significant others",
        FormSection.AgenciesAndBoards => "Agencies and boards involved",
        FormSection.ParallelProcesses => "Parallel processes",
        _ => section.ToString(),
    };

    /// <summary>The section's title where the form is shown to others (the review, triage): not "about you".</summary>
    public static string SummaryTitle(FormSection section) =>
        section == FormSection.Referrer ? "The referrer and their agency" : Title(section);

    /// <summary>"Section 2 of 6 · The child".</summary>
    public static string Position(FormSection section) => $"Section {(int)section} of {Count} · {Title(section)}";

    public static bool TryParse(string? text, out FormSection section)
    {
        section = default;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ||
            !Enum.IsDefined((FormSection)n))
        {
            return false;
        }

        section = (FormSection)n;
        return true;
    }

    /// <summary>The section whose card holds the field with this key (a <see cref="FormFields"/> key or an input id).</summary>
    public static FormSection? Of(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return null;
        }

        if (field.StartsWith("referrer.", StringComparison.Ordinal))
        {
            return FormSection.Referrer;
        }

        if (field.StartsWith("child.", StringComparison.Ordinal))
        {
            return FormSection.Child;
        }

        if (field.StartsWith("incident.", StringComparison.Ordinal))
        {
            return FormSection.Incident;
        }

        if (field.StartsWith(InputIds.SignificantOthers, StringComparison.Ordinal))
        {
            return FormSection.SignificantOthers;
        }

        if (field.StartsWith(FormFields.AgenciesInvolved, StringComparison.Ordinal) ||
            field.StartsWith(FormFields.OtherBoardsInvolved, StringComparison.Ordinal))
        {
            return FormSection.AgenciesAndBoards;
        }

        return field.StartsWith("parallel.", StringComparison.Ordinal) ? FormSection.ParallelProcesses : null;
    }
}
