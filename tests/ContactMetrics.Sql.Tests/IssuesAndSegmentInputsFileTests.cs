using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The issues and segment inputs files that <c>summarize</c> writes read back to the same records, as CSV and as Parquet
/// (every issue of the demo tables; the business case's counts per segment of the demo's last year); a quoted line break
/// in a key stays in its cell; a wrong cell is named by file, line, column and value.
/// </summary>
public sealed class IssuesAndSegmentInputsFileTests(DemoTables demo) : IClassFixture<DemoTables>
{
    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void Issues_WrittenAndRead_AreTheIssues(string extension)
    {
        var issues = Issue.Of(demo.Table);
        issues.Length.Should().BeGreaterThan(100, "the demo has issues to write");
        issues.Should().Contain(i => i.Contacts > 1, "some issues have repeats");
        string file = demo.File("issues" + extension);

        IssuesFile.Write(file, issues).Should().Be(issues.Length);

        IssuesFile.Read(file).Should().Equal(issues);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public void SegmentInputs_WrittenAndRead_AreTheRows(string extension)
    {
        var end = demo.Interactions.Max(i => i.ArrivedAt);
        var rows = SegmentInputs.Of(demo.Table, new RepeatContactOptions(), end - Duration.FromDays(365), end);
        rows.Should().HaveCountGreaterThan(1, "the demo has segments");
        string file = demo.File("segment_inputs" + extension);

        SegmentInputsFile.Write(file, rows).Should().Be(rows.Length);

        SegmentInputsFile.Read(file).Should().Equal(rows);
    }

    [Fact]
    public void Issues_QuotedLineBreakInAReason_ReadsAsOneCell()
    {
        // Hand-made: the reason "billing\nlate" is one cell; the second issue keeps its line number (4) in messages.
        var issues = new[]
        {
            new Issue(new InteractionId("i1"), new CustomerId("c1"), "billing\nlate", Channel.Phone, Instant.FromUtc(2025, 3, 1, 9, 30), 2, 1),
            new Issue(new InteractionId("i2"), new CustomerId("c2"), null, Channel.Email, Instant.FromUtc(2025, 3, 2, 10, 0), 1, 0),
        };
        string file = demo.File("issues-line-break.csv");
        IssuesFile.Write(file, issues);

        IssuesFile.Read(file).Should().Equal(issues);
        System.IO.File.WriteAllText(file, System.IO.File.ReadAllText(file).Replace("i2,c2,,email", "i2,c2,,fax", StringComparison.Ordinal));
        var act = () => IssuesFile.Read(file);
        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: line 4, column channel: 'fax' is not a channel*");
    }

    [Theory]
    [InlineData("first_contact_id,customer_id,reason,channel,first_arrived_at,contacts,repeats,resolved_first_time\ni1,c1,,phone,2025-03-01T09:30:00Z,2,1,true",
        "line 2, column resolved_first_time: 'true' disagrees with the 2 contacts")]
    [InlineData("first_contact_id,customer_id,reason,channel,first_arrived_at,contacts,repeats,resolved_first_time\ni1,c1,,phone,2025-03-01T09:30:00Z,2,2,false",
        "line 2, column repeats: '2' is not below the 2 contacts")]
    [InlineData("first_contact_id,customer_id,reason,channel,contacts,repeats,resolved_first_time\ni1,c1,,phone,1,0,true",
        "the column 'first_arrived_at' is missing")]
    public void Issues_WrongCell_NamesLineColumnAndValue(string csv, string message)
    {
        string file = demo.File($"issues-bad-{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(file, csv + "\n");

        var act = () => IssuesFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: {message}*");
    }

    [Theory]
    [InlineData("segment,customers,resolved,repeated_after_resolved,unresolved,repeated_after_unresolved\nsmb,10,5,6,3,1", "line 2, column repeated_after_resolved: '6' is more than the 5 units")]
    [InlineData("segment,customers,resolved,repeated_after_resolved,unresolved,repeated_after_unresolved\nsmb,-1,5,1,3,1", "line 2, column customers: '-1' is not a whole number at least 0")]
    public void SegmentInputs_WrongCell_NamesLineColumnAndValue(string csv, string message)
    {
        string file = demo.File($"segments-bad-{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(file, csv + "\n");

        var act = () => SegmentInputsFile.Read(file);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}: {message}*");
    }
}
