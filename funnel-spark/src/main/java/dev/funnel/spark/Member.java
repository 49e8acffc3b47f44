package dev.funnel.spark;

import java.io.Serializable;

/**
 * One member of a row's neighbourhood, shipped to the task that scores the row: for an item row, one of its users
 * with that user's items; for a user row, one of its items with that item's users.
 *
 * @param id the member's dense id
 * @param like the row's interaction value with the member
 * @param time the row's interaction time with the member (user rows visit their items in time order)
 * @param ids the member's own ids (a user's items, an item's users)
 * @param likes their interaction values, parallel to {@code ids}
 */
record Member(int id, float like, long time, int[] ids, float[] likes) implements Serializable {}
