import { ExpressAdapter } from '@bull-board/express';
import { NextFunction, Request, Response } from 'express';

type EntryRoute = Parameters<ExpressAdapter['setEntryRoute']>[0];

/**
 * bull-board's page links a stylesheet on Google Fonts, so every operator's visit would tell another
 * site about it (and the CSP would refuse it anyway, with an error in the console). The page is
 * rendered exactly as bull-board renders it, minus any link to another site; its fonts fall back to
 * the system's. Everything else it loads comes from its own package, served here.
 */
export class SelfContainedBoardAdapter extends ExpressAdapter {
  override setEntryRoute(route: EntryRoute): ExpressAdapter {
    const register = this.app[route.method as 'get'].bind(this.app);
    register(route.route, (_request: Request, response: Response, next: NextFunction) => {
      const { name, params } = route.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
      response.render(name, params, (error: Error | null, html: string) => (error ? next(error) : response.type('html').send(withoutLinksToOtherSites(html))));
    });
    return this;
  }
}

/** Removes <link> elements (stylesheets, preconnects, icons) whose address is on another site. */
export function withoutLinksToOtherSites(html: string): string {
  return html.replace(/<link\b[^>]*\bhref=["']?(?:https?:)?\/\/[^>]*>/gi, '');
}
