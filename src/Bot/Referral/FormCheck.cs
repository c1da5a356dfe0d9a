using System.Globalization;
using System.Text.RegularExpressions;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>
/// The problems with a draft as the cards show them: at most one message per input (an answer that could not be read
/// comes first, then what the domain's rules say), and messages about a section as a whole.
/// </summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new(new Dictionary<string, string>(), []);

    public FormErrors(IReadOnlyDictionary<string, string> byInput, IReadOnlyList<(FormSection Section, string Message)> general)
    {
        ByInput = byInput;
        General = general;
    }

    /// <summary>Input id → the message to show beside it.</summary>
    public IReadOnlyDictionary<string, string> ByInput { get; }

    public IReadOnlyList<(FormSection Section, string Message)> General { get; }

    public bool Any => ByInput.Count > 0 || General.Count > 0;

    public int Count => ByInput.Count + General.Count;

    public string? For(string inputId) => ByInput.TryGetValue(inputId, out var message) ? message : null;

    public IEnumerable<string> GeneralFor(FormSection section) => General.Where(g => g.Section == section).Select(g => g.Message);

    public int CountIn(FormSection section) =>
        ByInput.Keys.Count(k => FormSections.Of(k) == section) + General.Count(g => g.Section == section);

    public FormSection? FirstSection =>
        FormSections.All.Cast<FormSection?>().FirstOrDefault(s => CountIn(s!.Value) > 0);

    public FormErrors Only(FormSection section) => new(
        ByInput.Where(e => FormSections.Of(e.Key) == section).ToDictionary(e => e.Key, e => e.Value),
        [.. General.Where(g => g.Section == section)]);
}

/// <summary>The result of checking a draft: the typed form (meaningful only when there are no errors) and the errors.</summary>
public sealed record FormCheckResult(NotificationForm Form, FormErrors Errors);

/// <summary>Checks a draft with the form reader and the domain's <see cref="NotificationFormRules"/>.</summary>
public static partial class FormCheck
{
    /// <summary>
    /// Checks the draft and keeps the errors of the given sections only (those the user has filled in so far): a
    /// section not reached yet is not reported as missing.
    /// </summary>
    public static FormCheckResult Check(FormDraft draft, BoardDirectory directory, DateOnly today, IReadOnlyCollection<FormSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var reading = FormReader.Read(draft, directory);
        var rules = NotificationFormRules.Validate(reading.Form, directory, today);

        var byInput = new Dictionary<string, string>(StringComparer.Ordinal);
        var general = new List<(FormSection, string)>();
        foreach (var problem in reading.Problems)
        {
            Place(problem.Field, problem.Reason);
        }

        foreach (var refusal in rules)
        {
            var (input, message) = InputFor(refusal, reading);
            Place(input, message);
        }

        return new FormCheckResult(reading.Form, new FormErrors(byInput, general));

        void Place(string? input, string message)
        {
            var section = FormSections.Of(input);
            if (section is null)
            {
                general.Add((FormSection.Referrer, message));
                return;
            }

            if (!sections.Contains(section.Value))
            {
                return;
            }

            if (input is null || !InputIds.Of(section.Value, Math.Max(draft.SignificantOtherRows, FormDraft.MaxSignificantOtherRows)).Contains(input))
            {
                general.Add((section.Value, message));
            }
            else
            {
                byInput.TryAdd(input, message);
            }
        }
    }

    /// <summary>Refusals from the domain (e.g. when the case store refused the referral) as errors beside their inputs.</summary>
    public static FormErrors FromRefusals(IReadOnlyList<Refusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        var byInput = new Dictionary<string, string>(StringComparer.Ordinal);
        var general = new List<(FormSection, string)>();
        foreach (var refusal in refusals)
        {
            var section = FormSections.Of(refusal.Field);
            if (section is { } s && refusal.Field is { } field && InputIds.Of(s, FormDraft.MaxSignificantOtherRows).Contains(field))
            {
                byInput.TryAdd(field, refusal.Reason);
            }
            else
            {
                general.Add((section ?? FormSection.ParallelProcesses, refusal.Reason));
            }
        }

        return new FormErrors(byInput, general);
    }

    public static FormCheckResult CheckAll(FormDraft draft, BoardDirectory directory, DateOnly today) =>
        Check(draft, directory, today, FormSections.All.ToList());

    /// <summary>The input a domain refusal belongs beside, and the message to show there.</summary>
    private static (string? Input, string Message) InputFor(Refusal refusal, FormReading reading)
    {
        if (refusal.Field is null)
        {
            return (null, refusal.Reason);
        }

        var match = AgencyKey().Match(refusal.Field);
        if (match.Success)
        {
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return index < reading.AgenciesChosenFromList
                ? (InputIds.AgenciesInvolved, refusal.Reason)
                : (InputIds.OtherAgenciesInvolved,
                    string.Create(CultureInfo.InvariantCulture, $"Line {index - reading.AgenciesChosenFromList + 1}: {refusal.Reason}"));
        }

        return (refusal.Field, refusal.Reason);
    }

    [GeneratedRegex(@"^agenciesInvolved\[(\d+)\]\.", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyKey();
}
