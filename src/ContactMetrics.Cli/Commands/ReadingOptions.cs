using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Data;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// The options for reading exports from other tools (<c>--delimiter</c>, <c>--decimal-comma</c>, <c>--date-format</c>,
/// <c>--input-time-zone</c>, <c>--map</c>): one definition, added to every command that reads tables, and parsed once
/// per run into the console's <see cref="TableReadOptions"/>, which <see cref="TableInput"/> reads with.
/// </summary>
internal static class ReadingOptions
{
    /// <summary>
    /// The commands that read tables through <see cref="TableInput"/>, by their path from the root (<c>retention km</c>,
    /// <c>cox</c> and <c>sbg</c> read a table of their own columns, <see cref="TableInput.ReadColumns"/>).
    /// </summary>
    internal static IReadOnlyList<string[]> ReadingCommands { get; } =
    [
        ["validate"], ["kpis"], ["summarize"], ["cost"], ["clv", "fit"], ["clv", "predict"], ["attribution"], ["retention", "uplift"], ["report"],
        ["retention", "km"], ["retention", "cox"], ["retention", "sbg"],
    ];

    private const string Delimiter = "--delimiter";
    private const string DecimalComma = "--decimal-comma";
    private const string DateFormat = "--date-format";
    private const string InputTimeZone = "--input-time-zone";
    private const string Map = "--map";

    /// <summary>Adds the reading options to each command of <see cref="ReadingCommands"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        foreach (var path in ReadingCommands)
        {
            Command command = root;
            foreach (string name in path)
            {
                command = command.Subcommands.Single(c => c.Name == name);
            }
            command.Add(new Option<string?>(Delimiter)
            {
                Description = "The CSV cell delimiter: , (default), ; (European Excel), tab or |.",
                HelpName = "CHAR",
            });
            command.Add(new Option<bool>(DecimalComma)
            {
                Description = "Numbers have a decimal comma (12,5); a point is then refused. Use with --delimiter ';'.",
            });
            command.Add(new Option<string?>(DateFormat)
            {
                Description = "A NodaTime pattern for CSV instants and dates, e.g. 'dd/MM/yyyy HH:mm' (date columns read its date part); ISO-8601 still reads. Without an offset field (o<+HH:mm>) the times are local: give --input-time-zone.",
                HelpName = "PATTERN",
            });
            command.Add(new Option<string?>(InputTimeZone)
            {
                Description = "IANA time zone of local times without a UTC offset (and of Parquet timestamps without a zone), e.g. Europe/Amsterdam. A time the clocks skip is a rejected row; a repeated one reads as the earlier instant, with a note.",
                HelpName = "TZ",
            });
            command.Add(new Option<string?>(Map)
            {
                Description = $"Read schema columns from other file columns: customer_id=ID,arrived_at=Start,... or a preset ({string.Join(", ", ColumnMap.Presets.Keys)}).",
                HelpName = "MAP",
            });
        }
    }

    /// <summary>
    /// The read options the invoked command's reading options give (the defaults when it has none or none is set). A bad
    /// value is an input error naming the option, the value and the fix; so are reading options with <c>--engine duckdb</c>,
    /// which reads the files as they are.
    /// </summary>
    public static TableReadOptions Parse(ParseResult parse)
    {
        string? delimiter = Value<string?>(parse, Delimiter);
        bool decimalComma = Value<bool>(parse, DecimalComma);
        string? dateFormat = Value<string?>(parse, DateFormat);
        string? zone = Value<string?>(parse, InputTimeZone);
        string? map = Value<string?>(parse, Map);
        if (delimiter is null && !decimalComma && dateFormat is null && zone is null && map is null)
        {
            return TableReadOptions.Default;
        }
        if (Value<string?>(parse, "--engine") is string engine && engine.Equals("duckdb", StringComparison.OrdinalIgnoreCase))
        {
            string given = delimiter is not null ? Delimiter : decimalComma ? DecimalComma : dateFormat is not null ? DateFormat : zone is not null ? InputTimeZone : Map;
            throw new CliInputException($"{given}: the duckdb engine reads comma-separated CSV with ISO-8601 times as they are; use --engine memory for the reading options.");
        }
        var options = new TableReadOptions
        {
            Delimiter = delimiter is null ? ',' : ParseDelimiter(delimiter),
            DecimalComma = decimalComma,
            InputTimeZone = zone is null ? null : OptionParsing.ParseTimeZone(InputTimeZone, zone),
            ColumnMap = map is null ? null : ParseMap(map),
        };
        return dateFormat is null ? options : WithDateFormat(options, dateFormat);
    }

    private static char ParseDelimiter(string text) => text switch
    {
        "," or ";" or "|" => text[0],
        "\t" or "tab" or "TAB" or "\\t" => '\t',
        _ => throw new CliInputException($"{Delimiter}: '{text}' is not a delimiter; use , ; tab or | (quote ; and | in a shell: --delimiter ';')."),
    };

    /// <summary>The options with a date format; the format is checked once, as the options take it.</summary>
    private static TableReadOptions WithDateFormat(TableReadOptions options, string text)
    {
        try
        {
            return options with { DateFormat = text };
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"{DateFormat}: {CliApp.WithoutParameter(e)}.");
        }
    }

    private static ColumnMap ParseMap(string text)
    {
        try
        {
            return ColumnMap.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"{Map}: {CliApp.WithoutParameter(e)}.");
        }
    }

    /// <summary>The value of the invoked command's option of this name; the default when the command has no such option.</summary>
    private static T? Value<T>(ParseResult parse, string name)
        => parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name) is Option<T> option ? parse.GetValue(option) : default;
}
