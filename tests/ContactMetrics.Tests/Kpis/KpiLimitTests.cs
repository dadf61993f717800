using ContactMetrics.Kpis;

namespace ContactMetrics.Tests.Kpis;

/// <summary>The documented bound on the groups of one rollup part (docs/kpis.md, "Limits").</summary>
public class KpiLimitTests
{
    [Fact]
    public void MaxGroupsPerPart_IsTheLargestCountWhoseBlocksFitOneArray()
    {
        // Hand computation: Array.MaxLength = 2,147,483,591 ints; a part's array holds 80 ints a group plus 16 for the
        // 64-byte alignment: (2,147,483,591 - 16) / 80 = 26,843,544 (rounded down). One more group would not fit.
        KpiRollup.MaxGroupsPerPart.Should().Be(26_843_544);
        ((long)KpiRollup.MaxGroupsPerPart * KpiSlots.Stride + 16).Should().BeLessThanOrEqualTo(Array.MaxLength);
        ((long)(KpiRollup.MaxGroupsPerPart + 1) * KpiSlots.Stride + 16).Should().BeGreaterThan(Array.MaxLength);
    }
}
