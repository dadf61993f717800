using ContactMetrics.Attribution;
using ContactMetrics.Domain;
using NodaTime;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The path summary's buffers past their first size and the journeys of touches given out of order (issue #14 item 9,
/// docs/testing.md "Attribution"): hand-counted expectations.
/// </summary>
public class AttributionEdgeMutationTests
{
    private const string Header = "path,total_conversions,total_conversion_value,total_null";

    [Fact]
    public void Builder_FirstPathLongerThanTwiceTheArray_GrowsToThePath()
    {
        // The touch array starts at 256 slots; a first path of 600 touches needs more than doubling gives (512).
        var builder = new PathSummaryBuilder();

        builder.Add([.. Enumerable.Repeat("a", 599), "b"], 1, 5, 0);
        var summary = builder.Build();

        summary.Path(0).Length.Should().Be(600);
        summary.Path(0)[599].Should().Be(1);
        summary.Channels.Should().Equal("a", "b");
        FluentActions.Invoking(() => builder.Add([], 1, 1, 0)).Should().Throw<ArgumentException>()
            .WithParameterName("path").WithMessage("A path needs at least one touch.*");
    }

    [Fact]
    public void Reader_RowLongerThanTheLineBuffer_IsReadWhole()
    {
        // The reader's line buffer holds 65,536 characters; a row of 20,000 one-letter touches "a > b > a > ..." is
        // 20,000 + 3 x 19,999 + 7 = 80,004 characters, so the buffer must grow (to 131,072) before the row's end is found.
        // The row after it is read too.
        string path = string.Join(" > ", Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? "a" : "b"));
        string text = $"{Header}\n{path},2,30,1\nb,1,1,0\n";

        var summary = PathSummaryReader.Read(new StringReader(text));

        summary.Count.Should().Be(2);
        summary.Path(0).Length.Should().Be(20_000);
        summary.Path(0)[19_999].Should().Be(1);
        (summary.Conversions[0], summary.Values[0], summary.Nulls[0]).Should().Be((2.0, 30.0, 1.0));
        summary.PathText(1).Should().Be("b");
    }

    [Fact]
    public void Build_TouchesAndConversionsOutOfOrder_AreSortedByTime()
    {
        // Given as: touch b at day 5, touch a at day 1, conversions at day 10 and day 3. In time order the conversion at day 3
        // takes a (day 1) and the one at day 10 takes b (day 5).
        var alice = new CustomerId("alice");
        Touchpoint[] touches = [new(alice, T0 + Duration.FromDays(5), "b"), new(alice, T0 + Duration.FromDays(1), "a")];
        Conversion[] conversions = [new(alice, T0 + Duration.FromDays(10), new Money(10m, Currency.Eur)), new(alice, T0 + Duration.FromDays(3), new Money(3m, Currency.Eur))];

        var journeys = JourneyBuilder.Build(touches, conversions);

        journeys.Select(j => string.Join(" > ", j.Touches.Select(t => t.Channel))).Should().Equal("a", "b");
        journeys.Select(j => j.Conversion!.Value.Amount).Should().Equal(3m, 10m);
    }
}
