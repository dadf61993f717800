using ContactMetrics.Data.Reading;
using ContactMetrics.Domain;

namespace ContactMetrics.Data.Tests;

/// <summary>
/// Globs and folders read as one table as DuckDB's read_csv/read_parquet take them (#14 item 5): wildcards in any segment,
/// <c>**</c> for any number of folders, folders read recursively, hive partition folders' values as columns.
/// </summary>
public sealed class GlobTests : IDisposable
{
    private const string Header = "interaction_id,channel,arrived_at,ended_at";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string relative, params string[] rows)
    {
        string path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, [Header, .. rows]);
        return path;
    }

    private static string Row(string id, string channel = "phone") => $"{id},{channel},2025-03-01T09:00:00Z,2025-03-01T09:05:00Z";

    [Theory]
    // The glob rules of POSIX fnmatch(3) with FNM_PATHNAME, which DuckDB's glob follows within one segment: * any run,
    // ? one character, [set], [a-z] range, [!set] complement.
    [InlineData("part-1.csv", "part-?.csv", true)]
    [InlineData("part-10.csv", "part-?.csv", false)]
    [InlineData("part-10.csv", "part-*.csv", true)]
    [InlineData("part-.csv", "part-*.csv", true)]
    [InlineData("a.csv", "[ab].csv", true)]
    [InlineData("c.csv", "[ab].csv", false)]
    [InlineData("c.csv", "[!ab].csv", true)]
    [InlineData("b.csv", "[a-c].csv", true)]
    [InlineData("d.csv", "[a-c].csv", false)]
    [InlineData("aXbYc", "a*b*c", true)]
    [InlineData("aXbY", "a*b*c", false)]
    [InlineData("x.csv.gz", "*.csv", false)]
    public void SegmentMatches_FnmatchRules(string name, string pattern, bool expected)
        => Glob.SegmentMatches(name, pattern).Should().Be(expected);

    [Fact]
    public void DoubleStar_AnyDepthIncludingNone_AndWildcardsInFolderNames()
    {
        // A hive-style lake (year=/month=) with a table file at its top, a file that is no table, and a deeper part.
        string top = Write("lake/top.csv", Row("i-0"));
        string jan = Write("lake/year=2025/month=01/part-0.csv", Row("i-1"));
        string feb = Write("lake/year=2025/month=02/part-0.csv", Row("i-2"));
        string old = Write("lake/year=2024/month=12/part-0.csv", Row("i-3"));
        File.WriteAllText(_dir.File("lake/year=2025/README.txt"), "not a table");

        Tables.FilesOf(_dir.File("lake/**/*.csv")).Should().Equal(top, old, jan, feb);
        Tables.FilesOf(_dir.File("lake")).Should().Equal(new[] { top, old, jan, feb }, "a folder reads its subfolders, as DuckDB's engine reads it");
        Tables.FilesOf(_dir.File("lake/year=2025/*/part-?.csv")).Should().Equal(jan, feb);
        Tables.FilesOf(_dir.File("lake/**/month=0[1-2]/*.csv")).Should().Equal(jan, feb);
        Tables.FilesOf(_dir.File("lake/year=2025/**")).Should().Equal(jan, feb);
        Tables.FilesOf(_dir.File("lake/*.csv")).Should().Equal(top);
        Tables.IsFileSet(_dir.File("lake/**/*.csv")).Should().BeTrue();
        Tables.IsFileSet(top).Should().BeFalse();
    }

    [Fact]
    public void DoubleStarGlob_ReadsTheRowsOfEveryPart()
    {
        Write("lake/year=2024/part-0.csv", Row("i-1"), Row("i-2", "chat"));
        Write("lake/year=2025/part-0.csv", Row("i-3", "email"));

        var (rows, report) = Tables.ReadAllInteractions(_dir.File("lake/**/*.csv"));

        rows.Select(r => r.Id.Value).Should().Equal("i-1", "i-2", "i-3");
        (report.RowsRead, report.RowsAccepted).Should().Be((3, 3));
    }

    [Fact]
    public void HivePartition_KeyTheFileLacks_IsAColumn()
    {
        // channel=phone/ and channel=chat/ folders whose files have no channel column: the folder gives every row its
        // channel, as DuckDB's hive_partitioning does. A file that has the column keeps its own values.
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_dir.File("lake/channel=phone")).FullName, "p.csv"),
            "interaction_id,arrived_at,ended_at\ni-1,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_dir.File("lake/channel=chat")).FullName, "p.csv"),
            "interaction_id,arrived_at,ended_at\ni-2,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");
        Write("lake/channel=email/p.csv", Row("i-3", "social"));

        var (rows, _) = Tables.ReadAllInteractions(_dir.File("lake"));

        rows.Select(r => (r.Id.Value, r.Channel)).Should().Equal(("i-2", Channel.Chat), ("i-3", Channel.Social), ("i-1", Channel.Phone));
    }

    [Fact]
    public void HivePartition_BadValue_RejectedNamingThePartsFileAndColumn()
    {
        string path = _dir.File("lake/channel=fax/p.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "interaction_id,arrived_at,ended_at\ni-1,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");

        var e = FluentActions.Invoking(() => Tables.ReadAllInteractions(_dir.File("lake/**/*.csv"))).Should().Throw<TableFormatException>().Which;

        (e.File, e.Line, e.Column, e.ColumnName, e.Value).Should().Be((path, 2L, 4, "channel", "fax"));
    }

    [Fact]
    public void Glob_MissingFolder_ThrowsDirectoryNotFound()
        => FluentActions.Invoking(() => Tables.FilesOf(_dir.File("none/**/*.csv"))).Should().Throw<DirectoryNotFoundException>()
            .WithMessage($"*the folder '{_dir.File("none")}' does not exist*");

    [Fact]
    public void FileNamedWithABracket_IsAFileNotAGlob()
    {
        // '[' starts a set in a glob; a file whose name has one is still read as that file.
        string path = Write("export[1].csv", Row("i-1"));

        Tables.IsFileSet(path).Should().BeFalse();
        Tables.ReadAllInteractions(path).Rows.Should().ContainSingle();
    }
}
