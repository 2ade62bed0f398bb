import { Anchor } from '@mantine/core';
import { Fragment } from 'react';
import { hashForRoute } from '../app/routes';

const PHRASE = 'Open Connection';

/**
 * A sentence from the host, with its "Open Connection" (how the host's messages send a person
 * to connect an org) made a link to that screen rather than words to act on by hand.
 */
export function ConnectionLinkText({ text }: { text: string }) {
  const parts = text.split(PHRASE);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && (
            <Anchor href={hashForRoute('connection')} inherit>
              {PHRASE}
            </Anchor>
          )}
          {part}
        </Fragment>
      ))}
    </>
  );
}
