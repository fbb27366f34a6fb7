/**
 * Prints the placeholder-address warning (src/site/site-address.ts) when a build starts and again
 * when it is done, the last thing the build says, so it cannot scroll out of sight. Silent for a
 * real address.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { formatPlaceholderWarning, type SiteAddress } from './site-address.ts';

/** The integration for a build that writes `address`; put it last, so its warning ends the build. */
export function siteAddressIntegration(address: SiteAddress): AstroIntegration {
  const warn = (logger: AstroIntegrationLogger): void => {
    if (address.placeholder) logger.warn(`\n${formatPlaceholderWarning(address)}`);
  };
  return {
    name: 'gongkai-site-address',
    hooks: {
      'astro:build:start': ({ logger }) => warn(logger),
      'astro:build:done': ({ logger }) => warn(logger),
    },
  };
}
