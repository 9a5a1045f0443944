/**
 * Focus the first field of what was just added (a stream, a vendor, a route), once it is drawn:
 * after Add, the keyboard is where the typing goes next.
 */
export function focusFirstField(selector: string): void {
  let tries = 0;
  const attempt = () => {
    const field = document.querySelector<HTMLElement>(`${selector} input, ${selector} select`);
    if (field) {
      field.focus();
      field.scrollIntoView({ block: 'nearest' });
    } else if (++tries < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
