/**
 * The in-memory data model: id dictionaries that map external string ids to dense ints, the interaction matrix
 * (CSR by user in time order, CSC by item), feature tables and the {@link dev.funnel.core.data.Dataset} that holds
 * them together.
 */
package dev.funnel.core.data;
