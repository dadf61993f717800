using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;

namespace ContactMetrics.Sql;

/// <summary>
/// The <c>cost cells</c> table: cost-to-serve's sufficient statistics (<see cref="CostCell"/>), one row per group of a
/// breakdown and channel (<c>dimension, by_chain_start, key, identified, channel, contacts, contacts_with_handle_time,
/// handle_ms, agent_micros, telephony_micros, ivr_micros, chain_starts</c>), as CSV or Parquet (by the extension). Cells
/// of customer partitions merge by concatenating rows; <see cref="CostToServeCalculator.FromCells"/> adds them up.
/// </summary>
public static class CostCellsFile
{
    private static readonly (string, string)[] Types =
    [
        ("dimension", "VARCHAR"), ("by_chain_start", "BOOLEAN"), ("key", "VARCHAR"), ("identified", "BOOLEAN"), ("channel", "VARCHAR"),
        ("contacts", "BIGINT"), ("contacts_with_handle_time", "BIGINT"), ("handle_ms", "BIGINT"), ("agent_micros", "BIGINT"),
        ("telephony_micros", "BIGINT"), ("ivr_micros", "BIGINT"), ("chain_starts", "BIGINT"),
    ];

    private static readonly Dictionary<string, CostDimension> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["channel"] = CostDimension.Channel, ["segment"] = CostDimension.Segment, ["reason"] = CostDimension.Reason, ["customer"] = CostDimension.Customer,
    };

    /// <summary>Writes the cells (replacing the file).</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <param name="cells">The cells.</param>
    /// <returns>The number of rows written.</returns>
    public static int Write(string path, IReadOnlyList<CostCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        SummaryFiles.Write(path, Types, writer =>
        {
            writer.WriteLine(string.Join(",", Types.Select(t => t.Item1)));
            foreach (var c in cells)
            {
                writer.WriteLine(string.Join(",", c.Dimension.ToString().ToLowerInvariant(), Flag(c.ByChainStart), SummaryFiles.Quote(c.Key), Flag(c.Identified),
                    c.Channel.ToSchemaName(), string.Join(",", new[] { c.Contacts, c.ContactsWithHandleTime, c.HandleMilliseconds, c.AgentMicros, c.TelephonyMicros, c.IvrMicros, c.ChainStarts }
                        .Select(v => v.ToString(CultureInfo.InvariantCulture)))));
            }
        });
        return cells.Count;
    }

    /// <summary>Reads a cost cells table (as <see cref="Write"/> writes it; columns in any order, others ignored); a blank key is no reason, segment or customer id.</summary>
    /// <param name="path">A <c>.csv</c> or <c>.parquet</c> file.</param>
    /// <returns>The cells, in the file's order.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A column is missing, or a cell is not what its column holds (an unknown dimension or channel, a count below 0, more contacts with handle time or chain starts than contacts); the message names the file, line, column and value.</exception>
    public static IReadOnlyList<CostCell> Read(string path)
    {
        var cells = new List<CostCell>();
        foreach (var row in SummaryFiles.StreamRows(path, "a cost cells table", [.. Types.Select(t => t.Item1)]))
        {
            var dimension = Dimensions.TryGetValue(row.Cell(0), out var d) ? d : throw row.Bad(0, "is not a breakdown (channel, segment, reason or customer)");
            var channel = ChannelNames.TryParseChannel(row.Cell(4), out var ch) ? ch
                : throw row.Bad(4, $"is not a channel ({string.Join(", ", ChannelNames.All.Select(x => x.ToSchemaName()))})");
            long contacts = row.Count(5);
            long PartOf(int column) => row.Count(column) is var k && k <= contacts ? k : throw row.Bad(column, $"is more than the row's {contacts} contacts");
            cells.Add(new CostCell(dimension, row.Flag(1), row.Optional(2), row.Flag(3), channel, contacts, PartOf(6), row.Count(7), row.Count(8), row.Count(9), row.Count(10), PartOf(11)));
        }
        return cells;
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
