using System.Collections.Immutable;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>
/// A notification form being filled in: every answer exactly as the card sent it (so that nothing the user typed is
/// lost, even an answer that does not parse), where the user is, and which sections they have passed.
/// </summary>
public sealed record FormDraft
{
    /// <summary>How many significant others one card can hold.</summary>
    public const int MaxSignificantOtherRows = 10;

    public required string DraftId { get; init; }

    public required PersonId Owner { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset SavedAt { get; init; }

    public FormSection Section { get; init; } = FormSection.Referrer;

    /// <summary>The furthest section the user has passed with Next.</summary>
    public int SectionsPassed { get; init; }

    public int SignificantOtherRows { get; init; } = 1;

    /// <summary>
    /// The stored version this draft was read at (its ETag); null for a draft not stored yet. A draft is saved only
    /// over the version it was read at, so that a form sent (and its draft deleted) meanwhile never comes back.
    /// </summary>
    public string? StoredVersion { get; init; }

    public ImmutableSortedDictionary<string, string> Answers { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public static FormDraft Start(PersonId owner, string draftId, DateTimeOffset now, IReadOnlyDictionary<string, string>? prefill = null) => new()
    {
        DraftId = draftId,
        Owner = owner,
        StartedAt = now,
        SavedAt = now,
        Answers = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, prefill ?? new Dictionary<string, string>()),
    };

    public string Answer(string inputId) => Answers.TryGetValue(inputId, out var value) ? value : "";

    public bool HasAnswered(FormSection section) => (int)section <= SectionsPassed;

    /// <summary>
    /// The draft with one section's answers replaced by what its card sent: an input the card did not send counts as
    /// empty. Significant others are kept in order with empty rows dropped.
    /// </summary>
    public FormDraft WithSection(FormSection section, IReadOnlyDictionary<string, string> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var answers = Answers.ToBuilder();
        foreach (var id in Answers.Keys.Where(k => FormSections.Of(k) == section))
        {
            answers.Remove(id);
        }

        if (section == FormSection.SignificantOthers)
        {
            var rows = Enumerable.Range(0, SignificantOtherRows)
                .Select(r => (
                    Name: Sent(sent, InputIds.SignificantOther(r, FormFields.SignificantOtherName)),
                    Relationship: Sent(sent, InputIds.SignificantOther(r, FormFields.SignificantOtherRelationship)),
                    DateOfBirth: Sent(sent, InputIds.SignificantOther(r, FormFields.SignificantOtherDateOfBirth))))
                .Where(r => !(IsBlank(r.Name) && IsBlank(r.Relationship) && IsBlank(r.DateOfBirth)))
                .ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                Put(answers, InputIds.SignificantOther(r, FormFields.SignificantOtherName), rows[r].Name);
                Put(answers, InputIds.SignificantOther(r, FormFields.SignificantOtherRelationship), rows[r].Relationship);
                Put(answers, InputIds.SignificantOther(r, FormFields.SignificantOtherDateOfBirth), rows[r].DateOfBirth);
            }

            return this with { Answers = answers.ToImmutable(), SignificantOtherRows = Math.Max(1, rows.Count) };
        }

        foreach (var id in InputIds.Of(section, SignificantOtherRows))
        {
            Put(answers, id, Sent(sent, id));
        }

        return this with { Answers = answers.ToImmutable() };
    }

    /// <summary>
    /// One more empty row for a significant other than the <paramref name="shown"/> rows the card had, up to
    /// <see cref="MaxSignificantOtherRows"/>.
    /// </summary>
    public FormDraft WithAnotherSignificantOther(int shown) =>
        this with { SignificantOtherRows = Math.Min(MaxSignificantOtherRows, Math.Max(SignificantOtherRows, shown) + 1) };

    public int SignificantOthersGiven =>
        Enumerable.Range(0, SignificantOtherRows).Count(r => !IsBlank(Answer(InputIds.SignificantOther(r, FormFields.SignificantOtherName))) ||
                                                          !IsBlank(Answer(InputIds.SignificantOther(r, FormFields.SignificantOtherRelationship))) ||
                                                          !IsBlank(Answer(InputIds.SignificantOther(r, FormFields.SignificantOtherDateOfBirth))));

    private static string Sent(IReadOnlyDictionary<string, string> sent, string id) => sent.TryGetValue(id, out var v) ? v : "";

    private static bool IsBlank(string value) => string.IsNullOrWhiteSpace(value);

    private static void Put(ImmutableSortedDictionary<string, string>.Builder answers, string id, string value)
    {
        if (!IsBlank(value))
        {
            answers[id] = value;
        }
    }
}
