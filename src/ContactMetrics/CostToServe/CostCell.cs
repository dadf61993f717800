using ContactMetrics.Domain;

namespace ContactMetrics.CostToServe;

/// <summary>
/// One row of cost-to-serve's sufficient statistics: the contacts of one group of a breakdown on one channel, with their
/// handle time and their activity costs (each contact's rounded once, as the calculator prices it). Cells computed
/// elsewhere (an SQL engine: <c>CostToServeSql</c> in ContactMetrics.Sql) become the same result as the rows through
/// <see cref="CostToServeCalculator.FromCells"/>; cells of partitions merge by adding them (cells with the same group and
/// channel are summed).
/// </summary>
/// <param name="Dimension">The breakdown: channel, segment, reason or customer.</param>
/// <param name="ByChainStart">
/// For channel, segment and reason: <see langword="false"/> groups each contact by its own channel, segment or reason (the
/// group's contacts and cost); <see langword="true"/> by those of the first contact of its repeat chain (the group's chains
/// and chain cost). Always <see langword="false"/> for customers.
/// </param>
/// <param name="Key">The group: the channel's schema name, the segment, the reason or the customer id; <see langword="null"/> for no reason, no segment or no customer id.</param>
/// <param name="Identified">Whether the contacts have a customer id: a segment's cell with <see langword="false"/> is the unidentified bucket; ignored for channels and reasons.</param>
/// <param name="Channel">The channel of the contacts (the overheads cover channels).</param>
/// <param name="Contacts">The contacts.</param>
/// <param name="ContactsWithHandleTime">Those with a handle time above zero (they bear handle-time overheads).</param>
/// <param name="HandleMilliseconds">Their handle time (talk + hold + after-contact work, each floored to a millisecond).</param>
/// <param name="AgentMicros">The sum of their agent costs, each <c>round(handle ms x <see cref="ChannelRates.AgentMicrosPerMillisecond"/>)</c> half to even.</param>
/// <param name="TelephonyMicros">The sum of their telephony costs, each <c>round((queue + talk + hold) ms x <see cref="ChannelRates.TelephonyMicrosPerMillisecond"/>)</c>.</param>
/// <param name="IvrMicros">The sum of their IVR costs, each <c>round(queue ms x <see cref="ChannelRates.IvrMicrosPerMillisecond"/>)</c>.</param>
/// <param name="ChainStarts">The contacts among them that start a repeat chain.</param>
public sealed record CostCell(
    CostDimension Dimension,
    bool ByChainStart,
    string? Key,
    bool Identified,
    Channel Channel,
    long Contacts,
    long ContactsWithHandleTime,
    long HandleMilliseconds,
    long AgentMicros,
    long TelephonyMicros,
    long IvrMicros,
    long ChainStarts);
