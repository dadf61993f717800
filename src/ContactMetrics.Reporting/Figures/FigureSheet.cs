using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Reporting;

/// <summary>
/// Figures as titled sections of facts and at most one table each: what <see cref="AnalysisFigures.Of"/> makes of an
/// analysis, and what the <c>contactmetrics</c> commands print as a table, JSON or CSV. <see cref="ToJson"/> writes the
/// conventions of DESIGN.md: camelCase names, shares as fractions (<see cref="Fraction"/>), durations in seconds, money
/// as <c>{ "amount": 12.5, "currency": "EUR" }</c>, instants and dates in ISO-8601, null for a missing or undefined value
/// (never NaN). A sheet is filled once and then read; it is not thread-safe while filled.
/// </summary>
public sealed class FigureSheet
{
    private readonly List<FigureSection> _sections = [];

    /// <summary>The sections, in the order they were added.</summary>
    public IReadOnlyList<FigureSection> Sections => _sections;

    /// <summary>Adds a section.</summary>
    /// <param name="key">Its JSON name (camelCase).</param>
    /// <param name="title">Its title for people.</param>
    /// <param name="group">In JSON, consecutive sections of one group are nested under a member of that name (e.g. <c>analysis</c>); null for the top level.</param>
    /// <param name="jsonOnly">Whether the section is data for machines (a chart's series): in JSON, left out of a table for people.</param>
    /// <returns>The section, to add facts and a table to.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> or <paramref name="title"/> is blank.</exception>
    public FigureSection Add(string key, string title, string? group = null, bool jsonOnly = false)
    {
        var section = new FigureSection(key, title) { Group = group, JsonOnly = jsonOnly };
        _sections.Add(section);
        return section;
    }

    /// <summary>The first section's table that has one: the table a CSV export writes; null when no section has a table.</summary>
    public FigureTable? PrimaryTable => _sections.Select(s => s.Table).FirstOrDefault(t => t is not null);

    /// <summary>
    /// The version of the JSON documents' shape, written first as <c>schemaVersion</c>: raised when a member is renamed,
    /// removed or changes meaning (adding a member does not raise it).
    /// </summary>
    public const int SchemaVersion = 1;

    /// <summary>The sheet as one indented JSON document, <c>schemaVersion</c> (<see cref="SchemaVersion"/>) its first member.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            string? group = null;
            foreach (var section in _sections)
            {
                if (section.Group != group)
                {
                    if (group is not null)
                    {
                        json.WriteEndObject();
                    }
                    group = section.Group;
                    if (group is not null)
                    {
                        json.WritePropertyName(group);
                        json.WriteStartObject();
                    }
                }
                section.WriteJson(json);
            }
            if (group is not null)
            {
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of what <see cref="ToJson"/> writes for this sheet, derived from its sections,
    /// facts, tables and the types of the values they hold: every member required, every value nullable, a value null
    /// throughout typed by nothing (docs/cli.md, "JSON output and its schemas", gives the rules).
    /// </summary>
    /// <param name="title">The schema's title (e.g. <c>contactmetrics kpis --format json</c>).</param>
    /// <param name="description">The schema's description (e.g. the command line it was generated from); null for none.</param>
    /// <returns>The schema as indented JSON text ending in a newline.</returns>
    public string ToJsonSchema(string title, string? description = null) => FigureSchema.Of(this, title, description);

    /// <summary>Writes one value in the sheet's JSON conventions.</summary>
    internal static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
            case NotApplicable:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case Fraction r:
                WriteJsonValue(json, r.Value);
                break;
            case PValue p:
                WriteJsonValue(json, p.Value);
                break;
            case People people:
                WriteJsonValue(json, people.Value);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case double:
                // JSON has no NaN or infinity: an undefined number is null (DESIGN.md).
                json.WriteNullValue();
                break;
            case Money money:
                json.WriteStartObject();
                json.WriteNumber("amount", money.Amount);
                json.WriteString("currency", money.Currency.Code);
                json.WriteEndObject();
                break;
            case Duration duration:
                json.WriteNumberValue(duration.TotalSeconds);
                break;
            case Instant instant:
                json.WriteStringValue(InstantPattern.ExtendedIso.Format(instant));
                break;
            case LocalDate date:
                json.WriteStringValue(LocalDatePattern.Iso.Format(date));
                break;
            case IReadOnlyDictionary<string, object?> obj:
                json.WriteStartObject();
                foreach (var (k, v) in obj)
                {
                    json.WritePropertyName(k);
                    WriteJsonValue(json, v);
                }
                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

/// <summary>One titled part of a <see cref="FigureSheet"/>: facts (label, value) and at most one table.</summary>
public sealed class FigureSection
{
    private readonly List<FigureFact> _facts = [];

    internal FigureSection(string key, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Key = key;
        Title = title;
    }

    /// <summary>The JSON name of the section (camelCase).</summary>
    public string Key { get; }

    /// <summary>The title for people.</summary>
    public string Title { get; }

    /// <summary>The JSON member the section is nested under (e.g. <c>analysis</c>); null for the top level.</summary>
    public string? Group { get; init; }

    /// <summary>Whether the section is data for machines (a chart's series): in JSON, left out of a table for people.</summary>
    public bool JsonOnly { get; init; }

    /// <summary>The facts, in order.</summary>
    public IReadOnlyList<FigureFact> Facts => _facts;

    /// <summary>The section's table; null when it has none.</summary>
    public FigureTable? Table { get; private set; }

    /// <summary>A sentence for people under the title (definitions, assumptions, why a figure is missing).</summary>
    public string? Note { get; set; }

    /// <summary>Adds a fact.</summary>
    /// <param name="jsonName">Its JSON name (camelCase).</param>
    /// <param name="label">Its label for people.</param>
    /// <param name="value">The value: a number, <see cref="Fraction"/>, <see cref="Money"/>, <see cref="Duration"/>, <see cref="Instant"/>, <see cref="LocalDate"/>, text, a dictionary of those, or null.</param>
    /// <returns>This section, to chain facts.</returns>
    public FigureSection Fact(string jsonName, string label, object? value)
    {
        _facts.Add(new FigureFact(jsonName, label, value));
        return this;
    }

    /// <summary>Sets the section's table.</summary>
    /// <param name="jsonName">The table's JSON name (camelCase).</param>
    /// <param name="columns">Its columns.</param>
    /// <returns>The table, to add rows to.</returns>
    public FigureTable SetTable(string jsonName, params FigureColumn[] columns)
    {
        Table = new FigureTable(jsonName, columns);
        return Table;
    }

    internal void WriteJson(Utf8JsonWriter json)
    {
        json.WritePropertyName(Key);
        json.WriteStartObject();
        foreach (var fact in _facts)
        {
            json.WritePropertyName(fact.JsonName);
            FigureSheet.WriteJsonValue(json, fact.Value);
        }
        if (Table is { } table)
        {
            json.WritePropertyName(table.JsonName);
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (int i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(table.Columns[i].JsonName);
                    FigureSheet.WriteJsonValue(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}

/// <summary>A fact of a section.</summary>
/// <param name="JsonName">Its JSON name.</param>
/// <param name="Label">Its label for people.</param>
/// <param name="Value">Its value.</param>
public sealed record FigureFact(string JsonName, string Label, object? Value);

/// <summary>
/// A column: its JSON/CSV name (camelCase) and its heading for people. A detail column (interval bounds, sources) is in
/// JSON and CSV but left out of a table for people, which must fit a terminal.
/// </summary>
/// <param name="JsonName">The JSON/CSV name.</param>
/// <param name="Heading">The heading for people.</param>
/// <param name="RightAligned">Whether the column is right-aligned (numbers).</param>
/// <param name="Detail">Whether the column is left out of a table for people.</param>
public sealed record FigureColumn(string JsonName, string Heading, bool RightAligned = false, bool Detail = false);

/// <summary>A table of a section: columns and rows of values.</summary>
public sealed class FigureTable
{
    private readonly List<object?[]> _rows = [];

    internal FigureTable(string jsonName, IReadOnlyList<FigureColumn> columns)
    {
        JsonName = jsonName;
        Columns = columns;
    }

    /// <summary>The table's JSON name.</summary>
    public string JsonName { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<FigureColumn> Columns { get; }

    /// <summary>The rows, each with one value per column.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row.</summary>
    /// <param name="values">One value per column.</param>
    /// <returns>This table, to chain rows.</returns>
    /// <exception cref="ArgumentException">The row does not have one value per column.</exception>
    public FigureTable Row(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of table '{JsonName}' needs {Columns.Count} values; got {values.Length}.", nameof(values));
        }
        _rows.Add(values);
        return this;
    }
}

/// <summary>A share in [0, 1] that a table for people shows as a percentage; JSON and CSV keep the fraction.</summary>
/// <param name="Value">The share.</param>
public readonly record struct Fraction(double Value)
{
    /// <summary>The share, or null when <paramref name="value"/> is null.</summary>
    /// <param name="value">The share.</param>
    /// <returns>The fraction.</returns>
    public static Fraction? Of(double? value) => value is double v ? new Fraction(v) : null;
}

/// <summary>
/// A number of people that a model gives as an expectation (customers kept: 346.72): a table for people shows it as a
/// whole number of people (347), JSON, CSV and Parquet keep the expectation.
/// </summary>
/// <param name="Value">The expected number of people.</param>
public readonly record struct People(double Value)
{
    /// <inheritdoc />
    public override string ToString() => double.IsFinite(Value) ? Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
}

/// <summary>
/// A p-value: a table for people shows it to three significant digits as R prints it (0.0474, 2.2e-06; below 2.2e-16 as
/// &lt;2e-16), where a plain number would round it to two decimals ("0.05"); JSON and CSV keep the number.
/// </summary>
/// <param name="Value">The p-value in [0, 1].</param>
public readonly record struct PValue(double Value)
{
    /// <summary>The p-value, or null when <paramref name="value"/> is null.</summary>
    /// <param name="value">The p-value.</param>
    /// <returns>The p-value.</returns>
    public static PValue? Of(double? value) => value is double v ? new PValue(v) : null;

    /// <summary>Three significant digits, as R's <c>format.pval(p, digits = 3)</c>: 0.0474, 2.2e-06, &lt;2e-16.</summary>
    /// <returns>The text; "-" when the value is not a number.</returns>
    public override string ToString() =>
        !double.IsFinite(Value) ? "-"
        : Value < 2.2e-16 ? "<2e-16"
        : Value.ToString(Value < 1e-4 ? "0.##e-00" : "G3", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A figure that does not apply to its row (a 20 s service level on email): null in JSON and CSV, <c>n/a</c> in a table
/// for people, so that "not defined here" reads differently from "no data".
/// </summary>
public sealed class NotApplicable
{
    private NotApplicable()
    {
    }

    /// <summary>The one value.</summary>
    public static NotApplicable Value { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "n/a";
}
