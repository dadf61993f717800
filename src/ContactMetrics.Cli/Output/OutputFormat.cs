namespace ContactMetrics.Cli.Output;

/// <summary>The formats of <c>--format</c>.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
