using Azure;
using Azure.Data.Tables;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Delivery;

/// <summary>
/// A card ScrBot could not yet deliver to a person, held until they can be reached. It holds no card content (a card
/// can carry a child's details, which live in the case partition only): the feature that sent it builds it again
/// from its own state when the person is reachable, found by <see cref="Purpose"/>, <see cref="Board"/> and
/// <see cref="Reference"/>.
/// </summary>
/// <param name="Person">The person's Entra object id.</param>
/// <param name="Key">What the card is, unique for the person (e.g. <c>triage:SCR-2026-0007:manager</c>).</param>
/// <param name="Purpose">The feature that builds the card again (<see cref="IHeldCardSender.Purpose"/>).</param>
/// <param name="Board">The board the card is for.</param>
/// <param name="Reference">The case, when the card is about one.</param>
/// <param name="PersonName">The person's name, for the Board Manager's notice.</param>
/// <param name="What">What the card is, in a few words, for the Board Manager's notice (never a child's details).</param>
/// <param name="Reason">Why it could not be delivered, in plain English.</param>
/// <param name="HeldAt">When it was first held.</param>
public sealed record HeldCard(
    string Person,
    string Key,
    string Purpose,
    string Board,
    string? Reference,
    string PersonName,
    string What,
    string Reason,
    DateTimeOffset HeldAt);

/// <summary>Where held cards are kept, by person.</summary>
public interface IHeldCards
{
    /// <summary>Holds a card; false when it was held already (the Board Manager was told then).</summary>
    Task<bool> HoldAsync(HeldCard card, CancellationToken cancellationToken);

    Task<IReadOnlyList<HeldCard>> ForPersonAsync(string person, CancellationToken cancellationToken);

    Task ReleaseAsync(string person, string key, CancellationToken cancellationToken);
}

/// <summary>The <c>HeldCards</c> table: PartitionKey the person's Entra object id, RowKey the card's key.</summary>
public sealed class HeldCardsTable(BotTables tables) : IHeldCards
{
    public const string TableName = "HeldCards";

    public async Task<bool> HoldAsync(HeldCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKeys.Encode(card.Person), TableKeys.Encode(card.Key))
        {
            ["Key"] = card.Key,
            ["Purpose"] = card.Purpose,
            ["Board"] = card.Board,
            ["Reference"] = card.Reference,
            ["PersonName"] = card.PersonName,
            ["What"] = card.What,
            ["Reason"] = card.Reason,
            ["HeldAt"] = card.HeldAt.ToUniversalTime(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<HeldCard>> ForPersonAsync(string person, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var held = new List<HeldCard>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(person)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            held.Add(new HeldCard(
                person,
                row.GetString("Key") ?? row.RowKey,
                row.GetString("Purpose") ?? "",
                row.GetString("Board") ?? "",
                row.GetString("Reference"),
                row.GetString("PersonName") ?? "",
                row.GetString("What") ?? "",
                row.GetString("Reason") ?? "",
                row.GetDateTimeOffset("HeldAt") ?? DateTimeOffset.MinValue));
        }

        return held.OrderBy(h => h.HeldAt).ThenBy(h => h.Key, StringComparer.Ordinal).ToList();
    }

    public async Task ReleaseAsync(string person, string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(TableKeys.Encode(person), TableKeys.Encode(key), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Released already.
        }
    }
}

/// <summary>
/// A feature that sends cards to people through <see cref="PersonDelivery"/>: it builds a held card again from its
/// own state and sends it (through <see cref="PersonDelivery"/> again) once the person can be reached.
/// </summary>
public interface IHeldCardSender
{
    /// <summary>The <see cref="HeldCard.Purpose"/> this feature sends.</summary>
    string Purpose { get; }

    Task SendAgainAsync(HeldCard held, CancellationToken cancellationToken);
}
