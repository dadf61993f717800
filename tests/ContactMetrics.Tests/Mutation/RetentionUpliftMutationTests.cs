using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tests.Retention;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The retention uplift's edges and messages (Stryker.NET survivors of the Retention namespace, issue #14 item 9): the
/// index-date table's exclusions at their boundaries, strata and tenure, the reasons and the value's formula.
/// </summary>
public class RetentionUpliftMutationTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    // 2025-01-31 12:00 UTC: the noon of a churn date, so a churn on 2025-01-31 is exactly at the observation end.
    private static readonly Instant End = T0 + Duration.FromHours((30 * 24) + 12);

    [Fact]
    public void FromIndexContacts_ExclusionsAtTheirBoundaries_TenureAndSegments()
    {
        (Customer, IndexContact?)[] customers =
        [
            // Index day 1, active: censored at the end, 29.5 days; tenure from 2024-01-01: 366 + 1 days / 365.25.
            (new Customer(new CustomerId("c1"), new LocalDate(2024, 1, 1), null, "smb"), new IndexContact(T0 + Duration.FromDays(1), true)),
            // Index day 2, acquired on day 4 (the index before acquisition: tenure clamped to 0), churned 2025-01-20 12:00: 17.5 days.
            (new Customer(new CustomerId("c2"), new LocalDate(2025, 1, 5), new LocalDate(2025, 1, 20)), new IndexContact(T0 + Duration.FromDays(2), false)),
            // No index contact.
            (new Customer(new CustomerId("c3"), new LocalDate(2024, 1, 1)), null),
            // Index exactly at the observation end: not before it, left out.
            (new Customer(new CustomerId("c4"), new LocalDate(2024, 1, 1)), new IndexContact(End, true)),
            // Churned 2025-01-02 (12:00), index exactly then: churned at or before the index, left out.
            (new Customer(new CustomerId("c5"), new LocalDate(2024, 1, 1), new LocalDate(2025, 1, 2)), new IndexContact(T0 + Duration.FromHours(36), true)),
            // Churned 2025-01-31 (12:00) = the observation end: an event after 20.5 days; tenure 10 days.
            (new Customer(new CustomerId("c6"), new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31), "smb"), new IndexContact(T0 + Duration.FromDays(10), true)),
        ];

        var built = RetentionUpliftBuilder.FromIndexContacts(UpliftGrouping.FirstContactResolution, customers, End);

        built.Table.Ids.Should().Equal("c1", "c2", "c6");
        built.Table.Durations.Should().Equal(29.5, 17.5, 20.5);
        built.Table.Events.Should().Equal(false, true, true);
        built.Table.Groups.Should().Equal("resolved", "unresolved", "resolved");
        built.Table.Strata.Should().Equal("smb", "(none)", "smb");
        built.Table.CovariateNames.Should().Equal(RetentionUpliftBuilder.TenureCovariate);
        built.Table.Covariates[0][0].ShouldBeRelativelyClose(367 / 365.25, 1e-12);
        built.Table.Covariates[0][1].Should().Be(0);
        built.Table.Covariates[0][2].ShouldBeRelativelyClose(10 / 365.25, 1e-12);
        built.CustomersWithoutQualifyingContact.Should().Be(2);
        built.CustomersChurnedBeforeIndex.Should().Be(1);
    }

    [Fact]
    public void FromRows_OptionsOffOrOneSegment_NoStrataNoTenure()
    {
        string[] ids = ["a", "b"];
        string[] groups = ["top-box", "not-top-box"];
        var off = RetentionUpliftOptions.Default with { StratifyBySegment = false, AdjustForTenure = false };

        var without = RetentionUpliftBuilder.FromRows(UpliftGrouping.Csat, ids, [1, 2], [true, false], groups, ["x", "y"], [0.5, 1.5], 3, 4, off);
        var oneSegment = RetentionUpliftBuilder.FromRows(UpliftGrouping.Csat, ids, [1, 2], [true, false], groups, ["x", "x"], [0.5, 1.5], 0, 0);
        var empty = RetentionUpliftBuilder.FromRows(UpliftGrouping.Csat, [], [], [], [], [], [], 0, 0);
        var badLabel = () => RetentionUpliftBuilder.FromRows(UpliftGrouping.Csat, ids, [1, 2], [true, false], ["top-box", "resolved"], ["x", "x"], [0.5, 1.5], 0, 0);

        without.Table.Strata.Should().BeEmpty();
        without.Table.CovariateNames.Should().BeEmpty();
        (without.CustomersWithoutQualifyingContact, without.CustomersChurnedBeforeIndex).Should().Be((3, 4));
        (without.ReferenceGroup, without.ExposedGroup).Should().Be(("top-box", "not-top-box"));
        oneSegment.Table.Strata.Should().BeEmpty("one segment is no stratification");
        oneSegment.Table.CovariateNames.Should().Equal(RetentionUpliftBuilder.TenureCovariate);
        oneSegment.Table.Covariates[0].Should().Equal(0.5, 1.5);
        empty.Table.CovariateNames.Should().BeEmpty("no rows, no tenure column");
        badLabel.Should().Throw<ArgumentException>().WithMessage("The group 'resolved' is not one of Csat's: 'top-box' or 'not-top-box'.*")
            .Which.ParamName.Should().Be("groups");
    }

    [Fact]
    public void TryCompare_EmptyGroups_ReasonsNameTheGroupAndTheExclusions()
    {
        var onlyExposed = RetentionUpliftBuilder.FromRows(UpliftGrouping.Channel, ["a", "b"], [1, 2], [true, false], ["self-service", "self-service"], ["x", "x"], [1, 1], 5, 6);
        var onlyReference = RetentionUpliftBuilder.FromRows(UpliftGrouping.Channel, ["a"], [1], [true], ["person"], ["x"], [1], 0, 1);

        RetentionUpliftBuilder.TryCompare(onlyExposed, Duration.FromDays(30), out var none, out var noReference).Should().BeFalse();
        RetentionUpliftBuilder.TryCompare(onlyReference, Duration.FromDays(30), out _, out var noExposed).Should().BeFalse();
        var zero = () => RetentionUpliftBuilder.TryCompare(onlyReference, Duration.Zero, out _, out _);

        none.Should().BeNull();
        noReference!.Reason.Should().Be("Group 'person' has no customers (2 in 'self-service'; 5 customers without a qualifying contact, 6 churned before their index contact).");
        noReference.ParameterName.Should().Be("reference");
        noExposed!.Reason.Should().Be("Group 'self-service' has no customers (1 in 'person'; 0 customers without a qualifying contact, 1 churned before their index contact).");
        noExposed.ParameterName.Should().Be("exposed");
        zero.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The horizon must be positive.*").Which.ParamName.Should().Be("horizon");
    }

    [Fact]
    public void OptionsAndLabels_OutOfRange_Throw()
    {
        var window = () => new RetentionUpliftOptions { RepeatWindow = Duration.Zero };
        var cox = () => new RetentionUpliftOptions { Cox = null! };
        var csat = () => new RetentionUpliftOptions { CsatTopBoxMinimum = 0 };
        var labels = () => RetentionUpliftBuilder.Labels((UpliftGrouping)9);

        window.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The repeat window must be positive.*").Which.ParamName.Should().Be("RepeatWindow");
        cox.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Cox");
        csat.Should().Throw<ArgumentOutOfRangeException>();
        labels.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("grouping");
        // The range ends are allowed: 1 ms of repeat window, CSAT 1 (every answer top-box), CES 7.
        new RetentionUpliftOptions { RepeatWindow = Duration.FromMilliseconds(1), CsatTopBoxMinimum = 1, CesEasyMinimum = 7 }.CesEasyMinimum.Should().Be(7);
        RetentionUpliftBuilder.Labels(UpliftGrouping.Proactive).Should().Be(("proactive", "control"));
        RetentionUpliftBuilder.Labels(UpliftGrouping.Effort).Should().Be(("easy", "not-easy"));
    }

    [Fact]
    public void Compare_BadArguments_MessagesSayWhatIsWrong()
    {
        var table = RetentionUpliftTests.HandTable();

        var same = () => RetentionUplift.Compare(table, "a", "a", 5);
        var counting = () => RetentionUplift.Compare(SurvivalTable.FromIntervals([0, 0], [1, 2], [true, true]).WithGroups(["a", "b"]), "a", "b", 1);
        var nan = () => RetentionUplift.Compare(table, "a", "b", double.NaN);
        var infinite = () => RetentionUplift.Compare(table, "a", "b", double.PositiveInfinity);
        var missing = () => RetentionUplift.Compare(table, "c", "b", 5);

        same.Should().Throw<ArgumentException>().WithMessage("The reference and exposed groups are both 'a'.*").Which.ParamName.Should().Be("exposed");
        counting.Should().Throw<ArgumentException>()
            .WithMessage("Retention at a horizon needs right-censored rows from the index date, not (start, stop] rows.*").Which.ParamName.Should().Be("table");
        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The horizon must be a finite time of at least 0.*");
        infinite.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("horizon");
        missing.Should().Throw<ArgumentException>().WithMessage("Group 'c' has no customers (rows) in the table; groups present: a, b.*")
            .Which.ParamName.Should().Be("reference");
        // Horizon 0 is allowed: before every event, retention 1 in both groups.
        RetentionUplift.Compare(table, "a", "b", 0).Difference.Difference.Should().Be(0);
    }

    [Fact]
    public void Compare_HorizonAtAnEventTime_CountsThatEvent()
    {
        // Horizon 3 = b's second event time: S_b(3) = 3/4 x 2/3 = 0.5 with 2 events (the row at t = 3 is read);
        // a has its event at 2: S_a(3) = 0.75, 1 event.
        var result = RetentionUplift.Compare(RetentionUpliftTests.HandTable(), "a", "b", 3);

        result.Exposed.Retention.ShouldBeRelativelyClose(0.5, 1e-12);
        result.Exposed.Events.Should().Be(2);
        result.Reference.Events.Should().Be(1);
        result.Reference.FollowedUpToHorizon.Should().BeTrue();
        result.Exposed.Customers.Should().Be(4);
        result.Difference.Customers.Should().Be(8);
    }

    [Fact]
    public void Compare_CoxNotConverged_NoHazardRatioWithTheReason()
    {
        // R needs 3 Newton iterations on the hand table (coxph(...)$iter); one is not enough.
        var result = RetentionUplift.Compare(RetentionUpliftTests.HandTable(), "a", "b", 5, new CoxOptions { MaxIterations = 1 });

        result.HazardRatio.Should().BeNull();
        result.Note.Should().Be("No hazard ratio: the Cox fit did not converge (iteration budget exhausted).");
        result.ToString().Split('\n').Should().HaveCount(4).And.EndWith("  note: No hazard ratio: the Cox fit did not converge (iteration budget exhausted).");
    }

    [Fact]
    public void Compare_ExposedWithoutEvents_NamesTheExposedGroup()
    {
        var table = SurvivalTable.FromColumns([1, 3, 2, 4], [true, true, false, false]).WithGroups(["a", "a", "b", "b"]);

        var result = RetentionUplift.Compare(table, "a", "b", 4);

        result.HazardRatio.Should().BeNull();
        result.Note.Should().Be("No hazard ratio: group 'b' has no events, so the ratio is 0 or infinite (the Cox estimate does not exist).");
        result.Exposed.Interval.Should().Be(new ConfidenceInterval(1, 1, 0.95, "log"));
    }

    [Fact]
    public void UpliftValue_Formula_StatesTheComputation()
    {
        // 0.05 x 1000 = 50 kept [30, 70]; x 250 EUR = 12,500 EUR [7,500, 17,500] (RetentionUpliftValueTests).
        var difference = new RetentionDifference(0.05, 0.01, new ConfidenceInterval(0.03, 0.07, 0.95, "greenwood-normal"), 2000);

        var value = RetentionUpliftValue.Of(difference, 1000, new Money(250m, Currency.Eur), "given");
        var blank = () => RetentionUpliftValue.Of(difference, 1000, new Money(250m, Currency.Eur), " ");

        value.ToString().Should().Be(value.Formula);
        value.Formula.Should().StartWith("customers kept = uplift 0.0500 x 1000 customers affected = 50.0 [30.0, 70.0]; value = customers kept x ")
            .And.Contain(" per customer (given) = ");
        value.UpliftInterval.Should().Be(difference.Interval);
        value.Uplift.Should().Be(0.05);
        blank.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("valueSource");
    }
}
