/** Small allocation-free helpers for hot paths, shared by every stage. */
package dev.funnel.core.util;
