using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScrBot.Bot.Connector;

/// <summary>
/// Bounds on what an inbound activity may carry before any handler sees it. Teams' ids are short (a few hundred
/// characters at most); the ids become Azure Tables keys, which hold at most 1 KiB, so a longer one is refused as
/// bad input rather than failing in storage. Text that is not valid UTF-16 (a lone surrogate) cannot be stored or
/// sent, so each one is read as U+FFFD, the replacement character.
/// </summary>
public static class InboundShape
{
    /// <summary>The longest id accepted: conversation, activity, user, Entra object, tenant, team and channel ids.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Why the activity is refused, in plain English; null when its shape is fine.</summary>
    public static string? Problem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var ids = new List<string?>
        {
            activity.Id, activity.ReplyToId, activity.ChannelId, activity.Type, activity.Name, activity.Action,
            activity.Conversation?.Id, activity.Conversation?.TenantId, activity.Conversation?.ConversationType,
            activity.From?.Id, activity.From?.AadObjectId, activity.Recipient?.Id, activity.Recipient?.AadObjectId,
            activity.ChannelData?.Tenant?.Id, activity.ChannelData?.Team?.Id, activity.ChannelData?.Channel?.Id,
            activity.ChannelData?.Team?.AadGroupId, activity.ChannelData?.EventType,
        };
        foreach (var member in (activity.MembersAdded ?? []).Concat(activity.MembersRemoved ?? []))
        {
            ids.Add(member?.Id);
            ids.Add(member?.AadObjectId);
        }

        if (ids.Any(id => id is not null && (id.Length > MaxIdLength || id.Any(char.IsControl))))
        {
            return $"An id in this activity is longer than {MaxIdLength} characters or holds control characters; Teams never sends such ids, so nothing was done.";
        }

        return null;
    }

    /// <summary>Reads an activity from JSON, with any lone UTF-16 surrogate in its text read as U+FFFD.</summary>
    public static Activity? Read(ReadOnlySpan<byte> json, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        if (node is not JsonObject activity)
        {
            return null;
        }

        Repair(activity);
        return activity.Deserialize<Activity>(options);
    }

    private static void Repair(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var mended = Mend(name);
                    if (!ReferenceEquals(mended, name) || (value is JsonValue v && v.TryGetValue<string>(out var t) && !ReferenceEquals(Mend(t), t)))
                    {
                        obj.Remove(name);
                        obj[mended] = value is JsonValue text && text.TryGetValue<string>(out var s) ? JsonValue.Create(Mend(s)) : value;
                    }

                    if (obj[mended] is JsonObject or JsonArray)
                    {
                        Repair(obj[mended]!);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue text && text.TryGetValue<string>(out var s) && !ReferenceEquals(Mend(s), s))
                    {
                        array[i] = JsonValue.Create(Mend(s));
                    }
                    else if (array[i] is JsonObject or JsonArray)
                    {
                        Repair(array[i]!);
                    }
                }

                break;
        }
    }

    /// <summary>The text with every lone surrogate replaced by U+FFFD (the same instance when it has none).</summary>
    public static string Mend(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasLoneSurrogate(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
