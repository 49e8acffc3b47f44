/** The configuration file and its defaults. */
package dev.funnel.core.config;
