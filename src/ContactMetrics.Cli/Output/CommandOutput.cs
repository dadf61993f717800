namespace ContactMetrics.Cli.Output;

/// <summary>
/// What a command prints: sections of facts and tables, rendered as a readable table, JSON or CSV.
/// Commands build it from library results; <see cref="OutputWriter"/> renders it, so every
/// command honours <c>--format</c> and <c>--out</c> the same way.
/// </summary>
internal sealed class CommandOutput
{
    private readonly List<OutputSection> _sections = [];

    public IReadOnlyList<OutputSection> Sections => _sections;

    /// <summary>Adds a section; in JSON, consecutive sections of one <paramref name="group"/> are nested under a member of that name.</summary>
    public OutputSection Add(string key, string title, string? group = null, bool jsonOnly = false)
    {
        var section = new OutputSection(key, title) { Group = group, JsonOnly = jsonOnly };
        _sections.Add(section);
        return section;
    }

    /// <summary>The table written by <c>--format csv</c> and by <c>--out FILE.csv</c>: the first section that has one.</summary>
    public OutputTable? PrimaryTable => _sections.Select(s => s.Table).FirstOrDefault(t => t is not null);
}

/// <summary>One titled part of a command's output: facts (label, value) and at most one table.</summary>
internal sealed class OutputSection(string key, string title)
{
    private readonly List<OutputFact> _facts = [];

    /// <summary>The JSON property name of the section (camelCase).</summary>
    public string Key { get; } = key;

    public string Title { get; } = title;

    /// <summary>The JSON member the section is nested under (e.g. <c>analysis</c>); null for the top level.</summary>
    public string? Group { get; init; }

    /// <summary>Whether the section is data for machines (a chart's series), written to JSON and left out of the table format.</summary>
    public bool JsonOnly { get; init; }

    public IReadOnlyList<OutputFact> Facts => _facts;

    public OutputTable? Table { get; private set; }

    /// <summary>A sentence printed under the title in the table format.</summary>
    public string? Note { get; set; }

    public OutputSection Fact(string jsonName, string label, object? value)
    {
        _facts.Add(new OutputFact(jsonName, label, value));
        return this;
    }

    public OutputTable SetTable(string jsonName, params OutputColumn[] columns)
    {
        Table = new OutputTable(jsonName, columns);
        return Table;
    }
}

internal sealed record OutputFact(string JsonName, string Label, object? Value);

/// <summary>
/// A column: its JSON/CSV name (camelCase) and its heading in the table format. A detail column
/// (interval bounds, secondary counts) is written to JSON and CSV but left out of the table format,
/// which must fit a terminal.
/// </summary>
internal sealed record OutputColumn(string JsonName, string Heading, bool RightAligned = false, bool Detail = false);

internal sealed class OutputTable(string jsonName, IReadOnlyList<OutputColumn> columns)
{
    private readonly List<object?[]> _rows = [];

    public string JsonName { get; } = jsonName;

    public IReadOnlyList<OutputColumn> Columns { get; } = columns;

    public IReadOnlyList<object?[]> Rows => _rows;

    public OutputTable Row(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of table '{JsonName}' needs {Columns.Count} values; got {values.Length}.", nameof(values));
        }
        _rows.Add(values);
        return this;
    }
}
