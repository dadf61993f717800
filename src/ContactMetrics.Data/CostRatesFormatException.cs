using System.Globalization;

namespace ContactMetrics.Data;

/// <summary>
/// A cost-rates file (<see cref="CostRatesFile"/>) could not be read: it is not valid JSON (the message names the line and
/// position), or a value is missing, unknown, of the wrong kind or out of range (the message names the JSON path, e.g.
/// <c>$.channels.phone.occupancy</c>, and the allowed values).
/// </summary>
public sealed class CostRatesFormatException : Exception
{
    internal CostRatesFormatException(string file, string? jsonPath, long? line, long? position, string reason, Exception? innerException = null)
        : base(Describe(file, jsonPath, line, position, reason), innerException)
    {
        File = file;
        JsonPath = jsonPath;
        Line = line;
        Position = position;
        Reason = reason;
    }

    /// <summary>The file (or the source name given to <see cref="CostRatesFile.Parse"/>).</summary>
    public string File { get; }

    /// <summary>The JSON path of the offending value (<c>$</c> for the whole file), or null for a JSON syntax error.</summary>
    public string? JsonPath { get; }

    /// <summary>The 1-based line of a JSON syntax error, or null.</summary>
    public long? Line { get; }

    /// <summary>The 1-based byte position in <see cref="Line"/> of a JSON syntax error, or null.</summary>
    public long? Position { get; }

    /// <summary>What is wrong and how to fix it, without the location.</summary>
    public string Reason { get; }

    private static string Describe(string file, string? jsonPath, long? line, long? position, string reason) =>
        jsonPath is not null ? $"{file}: {jsonPath}: {reason}"
        : string.Create(CultureInfo.InvariantCulture, $"{file}: line {line}, position {position}: {reason}");
}
