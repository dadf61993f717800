namespace ContactMetrics.Cli.Output;

/// <summary>The formats of <c>--format</c>.</summary>
internal enum OutputFormat
{
    /// <summary>The default: the --format options have no default value factory (help would print "[default: Table]"), so an absent option reads as this zero.</summary>
    Table = 0,
    Json,
    Csv,
}
