// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { AddRepoForm } from './add-repo-form.js';

afterEach(cleanup);

describe('the add-repository form', () => {
  it('labels its own field when the welcome page and the sidebar both show one', () => {
    loadStore(scriptedClient({}), [sampleRepo()]);
    render(
      <>
        <AddRepoForm />
        <AddRepoForm />
      </>,
    );
    const labels = [...document.querySelectorAll('label')].filter((label) => label.textContent === 'Repository folder');
    const fields = screen.getAllByTestId('add-repo-path');
    expect(labels).toHaveLength(2);
    expect(labels.map((label) => label.htmlFor)).toEqual(fields.map((field) => field.id));
    expect(new Set(fields.map((field) => field.id)).size).toBe(2);
  });
});
