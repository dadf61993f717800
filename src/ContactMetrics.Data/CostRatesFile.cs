using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Data;

/// <summary>
/// The cost-rates file (docs/models/cost-to-serve.md): a <see cref="CostModel"/> as a JSON object with the currency,
/// the rates of each channel and the overheads, e.g.
/// <code>
/// { "currency": "EUR",
///   "channels": { "phone": { "loadedCostPerPaidHour": 34, "shrinkage": 0.3, "occupancy": 0.85, "telephonyPerMinute": 0.012 } },
///   "overheads": [ { "name": "facilities", "amount": 90000, "allocation": "handle_time", "channels": ["phone"] } ] }
/// </code>
/// Channel fields: <c>loadedCostPerPaidHour</c>, <c>shrinkage</c>, <c>occupancy</c>, <c>concurrency</c>,
/// <c>telephonyPerMinute</c>, <c>ivrPerMinute</c>, <c>platformPerContact</c>, <c>botPerContact</c> (amounts in the file's
/// currency, shares as fractions 0-1); an overhead's <c>allocation</c> is <c>handle_time</c> or <c>contacts</c>, and its
/// amount is for the period of the data. <c>notes</c> fields are free text and ignored; comments and trailing commas are
/// allowed. Every mistake (unknown channel or field, a value out of range, a string where a number belongs) is a
/// <see cref="CostRatesFormatException"/> naming the file and the JSON path (e.g. <c>$.channels.phone.occupancy</c>);
/// malformed JSON names the line.
/// </summary>
public static class CostRatesFile
{
    private static readonly string[] ChannelFields =
        ["loadedCostPerPaidHour", "shrinkage", "occupancy", "concurrency", "telephonyPerMinute", "ivrPerMinute", "platformPerContact", "botPerContact", "notes"];

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a cost-rates file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The cost model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CostRatesFormatException">The file is not valid JSON or not a valid rates file; the message names the file and the JSON path.</exception>
    public static CostModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: the rates file does not exist.", path);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a cost model from the text of a rates file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from (a file name), as errors name it.</param>
    /// <returns>The cost model.</returns>
    /// <exception cref="CostRatesFormatException">The text is not valid JSON or not a valid rates file; the message names <paramref name="source"/> and the JSON path.</exception>
    public static CostModel Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new CostRatesFormatException(source, null, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, $"not valid JSON: {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            var fail = new Failure(source);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw fail.At("$", $"the rates file must be a JSON object; was {Kind(root)}.");
            }
            CheckFields(root, "$", ["currency", "channels", "overheads", "notes"], fail);
            var currency = root.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String && Currency.TryParse(c.GetString(), out var parsed)
                ? parsed
                : throw fail.At("$.currency", "give the currency of every amount as three letters, e.g. \"EUR\".");
            if (!root.TryGetProperty("channels", out var channels) || channels.ValueKind != JsonValueKind.Object)
            {
                throw fail.At("$.channels", "give an object with the rates of each channel the data uses, e.g. { \"phone\": { ... } }.");
            }
            var rates = new List<ChannelRates>();
            foreach (var property in channels.EnumerateObject())
            {
                rates.Add(ReadChannel(property, currency, fail));
            }
            var overheads = new List<OverheadPool>();
            if (root.TryGetProperty("overheads", out var pools))
            {
                if (pools.ValueKind != JsonValueKind.Array)
                {
                    throw fail.At("$.overheads", $"must be an array of overheads; was {Kind(pools)}.");
                }
                int k = 0;
                foreach (var pool in pools.EnumerateArray())
                {
                    overheads.Add(ReadOverhead(pool, $"$.overheads[{k++}]", currency, fail));
                }
            }
            try
            {
                return new CostModel(currency, rates, overheads);
            }
            catch (ArgumentException e)
            {
                throw fail.At("$", Clean(e));
            }
        }
    }

    /// <summary>Writes <paramref name="model"/> as a rates file (UTF-8, indented) that <see cref="Read"/> reads back to the same model.</summary>
    /// <param name="model">The cost model.</param>
    /// <param name="path">The file; its folder must exist.</param>
    /// <param name="notes">Free text for the file's top-level <c>notes</c> field (e.g. where the rates come from), or null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="path"/> is null.</exception>
    public static void Write(CostModel model, string path, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, ToJson(model, notes), new UTF8Encoding(false));
    }

    /// <summary>The text of the rates file of <paramref name="model"/>, as <see cref="Write"/> writes it and <see cref="Parse"/> reads it.</summary>
    /// <param name="model">The cost model.</param>
    /// <param name="notes">Free text for the top-level <c>notes</c> field, or null for none.</param>
    /// <returns>Indented JSON, ending with a newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToJson(CostModel model, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (notes is not null)
            {
                json.WriteString("notes", notes);
            }
            json.WriteString("currency", model.Currency.Code);
            json.WriteStartObject("channels");
            foreach (var r in model.Channels)
            {
                json.WriteStartObject(r.Channel.ToSchemaName());
                json.WriteNumber("loadedCostPerPaidHour", r.LoadedCostPerPaidHour.Amount);
                json.WriteNumber("shrinkage", r.Shrinkage);
                json.WriteNumber("occupancy", r.Occupancy);
                json.WriteNumber("concurrency", r.Concurrency);
                json.WriteNumber("telephonyPerMinute", r.TelephonyPerMinute.Amount);
                json.WriteNumber("ivrPerMinute", r.IvrPerMinute.Amount);
                json.WriteNumber("platformPerContact", r.PlatformPerContact.Amount);
                json.WriteNumber("botPerContact", r.BotPerContact.Amount);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray("overheads");
            foreach (var pool in model.Overheads)
            {
                json.WriteStartObject();
                json.WriteString("name", pool.Name);
                json.WriteNumber("amount", pool.Amount.Amount);
                json.WriteString("allocation", pool.Basis == OverheadBasis.HandleTime ? "handle_time" : "contacts");
                json.WriteStartArray("channels");
                foreach (var ch in pool.Channels)
                {
                    json.WriteStringValue(ch.ToSchemaName());
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static ChannelRates ReadChannel(JsonProperty property, Currency currency, Failure fail)
    {
        string path = $"$.channels.{property.Name}";
        if (!ChannelNames.TryParseChannel(property.Name, out var channel))
        {
            throw fail.At(path, $"unknown channel '{property.Name}'; use one of {string.Join(", ", ChannelNames.ChannelSchemaNames)}.");
        }
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw fail.At(path, $"must be an object of rates; was {Kind(value)}.");
        }
        CheckFields(value, path, ChannelFields, fail);
        var loaded = Amount(value, path, "loadedCostPerPaidHour", fail) ?? 0m;
        double? shrinkage = Number(value, path, "shrinkage", fail);
        double? occupancy = Number(value, path, "occupancy", fail);
        if (loaded > 0 && (shrinkage is null || occupancy is null))
        {
            throw fail.At($"{path}.{(shrinkage is null ? "shrinkage" : "occupancy")}",
                "a channel with an agent cost needs both shrinkage and occupancy (what a handled minute costs depends on them).");
        }
        Money? Rate(string field) => Amount(value, path, field, fail) is decimal d ? new Money(d, currency) : null;
        try
        {
            return new ChannelRates(channel, new Money(loaded, currency), shrinkage ?? 0, occupancy ?? 1, Number(value, path, "concurrency", fail) ?? 1,
                Rate("telephonyPerMinute"), Rate("ivrPerMinute"), Rate("platformPerContact"), Rate("botPerContact"));
        }
        catch (ArgumentException e)
        {
            throw fail.At(e.ParamName is { } field ? $"{path}.{field}" : path, Clean(e));
        }
    }

    private static OverheadPool ReadOverhead(JsonElement pool, string path, Currency currency, Failure fail)
    {
        if (pool.ValueKind != JsonValueKind.Object)
        {
            throw fail.At(path, $"an overhead must be an object with name, amount and allocation; was {Kind(pool)}.");
        }
        CheckFields(pool, path, ["name", "amount", "allocation", "channels", "notes"], fail);
        string name = pool.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString())
            ? n.GetString()!
            : throw fail.At($"{path}.name", "give the overhead a name (a non-blank string).");
        decimal amount = Amount(pool, path, "amount", fail) ?? throw fail.At($"{path}.amount", "give the amount for the period of the data.");
        var basis = pool.TryGetProperty("allocation", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() switch
        {
            "handle_time" => OverheadBasis.HandleTime,
            "contacts" => OverheadBasis.Contacts,
            var other => throw fail.At($"{path}.allocation", $"use \"handle_time\" or \"contacts\"; was \"{other}\"."),
        } : throw fail.At($"{path}.allocation", "give \"handle_time\" or \"contacts\".");
        var channels = new List<Channel>();
        if (pool.TryGetProperty("channels", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw fail.At($"{path}.channels", $"must be an array of channel names; was {Kind(list)}.");
            }
            int k = 0;
            foreach (var item in list.EnumerateArray())
            {
                string itemPath = $"{path}.channels[{k++}]";
                channels.Add(item.ValueKind == JsonValueKind.String && ChannelNames.TryParseChannel(item.GetString(), out var ch)
                    ? ch
                    : throw fail.At(itemPath, $"unknown channel {item.GetRawText()}; use one of {string.Join(", ", ChannelNames.ChannelSchemaNames)}."));
            }
        }
        try
        {
            return new OverheadPool(name, new Money(amount, currency), basis, channels);
        }
        catch (ArgumentException e)
        {
            throw fail.At(e.ParamName is { } field ? $"{path}.{field}" : path, Clean(e));
        }
    }

    private static void CheckFields(JsonElement obj, string path, string[] allowed, Failure fail)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                throw fail.At($"{path}.{p.Name}", $"unknown field '{p.Name}'; expected any of {string.Join(", ", allowed)}.");
            }
        }
    }

    private static decimal? Amount(JsonElement obj, string path, string field, Failure fail)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)
            ? d
            : throw fail.At($"{path}.{field}", $"must be a number (an amount in the file's currency); was {v.GetRawText()}.");
    }

    private static double? Number(JsonElement obj, string path, string field, Failure fail)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)
            ? d
            : throw fail.At($"{path}.{field}", $"must be a number; was {v.GetRawText()}.");
    }

    /// <summary>The library's message without the "(Parameter 'x')" and "Actual value was" lines .NET appends.</summary>
    private static string Clean(ArgumentException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message.Split('\n')[0];
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture);

    private sealed class Failure(string source)
    {
        public CostRatesFormatException At(string path, string message) => new(source, path, null, null, message);
    }
}
